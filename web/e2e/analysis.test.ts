import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../analytics/src/csv.ts';
import { insertIncidents, portlandCalls } from '../../server/test/analytics.ts';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

/** The analyst's agency owns the 19,375 located Portland calls of August 2016 (demo/, CC0). */
beforeAll(async () => {
  const { ctx } = env.world.platform;
  const analyst = await ctx.db.selectFrom('users').select('id').where('email', '=', env.world.users.analyst).executeTakeFirstOrThrow();
  await insertIncidents(ctx, { orgId: env.world.orgId, userId: analyst.id }, portlandCalls());
});

const legendCount = async (page: Page, label: string) => {
  const text = await page.locator('.legend li', { hasText: label }).textContent();
  return Number(/([\d.]+) unidad/.exec(text ?? '')![1]!.replace(/\./g, ''));
};
const runStatus = (page: Page) => page.locator('.analysis-run').getAttribute('data-status');
const fieldError = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

async function openAnalysis(page: Page) {
  await page.getByRole('link', { name: 'Análisis', exact: true }).click();
  await page.waitForURL(/\/w\/analysis$/);
  await page.locator('h1', { hasText: 'Espacio de análisis' }).waitFor();
}

describe('the analyst workspace', () => {
  it('runs Gi* over the visible incidents, shows the classes on the map and legend, reproduces them from the shared link and exports them', async () => {
    const page = await env.browser.newPage({ acceptDownloads: true });
    await signIn(page, env.world, env.world.users.analyst);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openAnalysis(page);
    await page.getByLabel('Zona horaria').fill('America/Los_Angeles');
    await page.getByLabel('Estadística').selectOption('gistar');
    await page.getByLabel('Tamaño de celda (m)').fill('500');
    await page.getByLabel('Permutaciones').fill('999');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    await page.locator('.legend').waitFor();
    expect(await page.locator('.analysis-run').textContent()).toContain('19.375 incidentes');

    // the address holds the analysis
    const shared = await page.getByLabel('Enlace a este análisis').inputValue();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.world.url });
    await page.getByRole('button', { name: 'Copiar el enlace' }).click();
    await expect.poll(() => page.locator('.share-link [role=status]').textContent(), { timeout: 30_000 }).toBe('Enlace copiado.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shared);
    expect(Object.fromEntries(new URL(shared).searchParams)).toMatchObject({ kind: 'gistar', cellSize: '500', permutations: '999', seed: '1', tz: 'America/Los_Angeles' });
    await page.screenshot({ path: '/tmp/analysisweb-gi.png', fullPage: true });
    const hot99 = await legendCount(page, 'Punto caliente, 99 %');
    const hot95 = await legendCount(page, 'Punto caliente, 95 %');
    const notSignificant = await legendCount(page, 'No significativo');
    expect(hot99).toBeGreaterThan(0);
    expect(notSignificant).toBeGreaterThan(hot99);
    // the map draws the cells, coloured by class
    const hotCellsDrawn = () =>
      page.evaluate(() => {
        const map = window.__alianzaMap;
        return map?.getLayer('analysis-fill') ? map.querySourceFeatures('analysis').filter((f) => f.properties.class === 3).length : 0;
      });
    await expect.poll(hotCellsDrawn, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // CSV from the run: one row per unit, its classes those of the legend
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar la tabla (CSV)' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^alianza-gistar-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.csv$/);
    const [header, ...rows] = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
    const classColumn = header!.indexOf('class');
    expect(classColumn).toBeGreaterThan(0);
    expect(header).toContain('gistar_z');
    expect(rows.filter((r) => r[classColumn] === '3')).toHaveLength(hot99);
    expect(rows.filter((r) => r[classColumn] === '2')).toHaveLength(hot95);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar el mapa (PNG)' }).click()]);
    const image = readFileSync((await png.path())!);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
    expect(image.length).toBeGreaterThan(5000);

    // the link opened signed out: after signing in, the same analysis runs again with the same classes
    const other = await env.browser.newPage();
    await other.goto(shared);
    await other.waitForURL(/\/login\?next=/);
    await other.locator('input[type=email]').fill(env.world.users.analyst);
    await other.locator('input[type=password]').fill(env.world.password);
    await other.locator('form button[type=submit]').click();
    await other.waitForURL(/\/w\/analysis\?kind=gistar/);
    await expect.poll(() => runStatus(other), { timeout: 60_000 }).toBe('succeeded');
    await other.locator('.legend').waitFor();
    expect(await other.getByLabel('Tamaño de celda (m)').inputValue()).toBe('500');
    expect([await legendCount(other, 'Punto caliente, 99 %'), await legendCount(other, 'Punto caliente, 95 %'), await legendCount(other, 'No significativo')]).toEqual([hot99, hot95, notSignificant]);
    await Promise.all([other.close(), page.close()]);
  });

  it('runs a Knox test on burglaries and shows the near-repeat table coloured by significance', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.analyst);
    await openAnalysis(page);
    await page.getByLabel('Estadística').selectOption('knox');
    await page.getByLabel('05 Actos contra la propiedad solamente').check();
    await page.getByLabel('Bandas de distancia (m)').fill('0, 200, 400');
    await page.getByLabel('Bandas de tiempo (días)').fill('0, 7, 14, 21');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    const table = page.locator('table.knox-table');
    await table.waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual(['Distancia \\ tiempo', '[0,7) días', '[7,14) días', '[14,21) días']);
    expect(await table.locator('tbody th').allTextContents()).toEqual(['[0,200) m', '[200,400) m']);
    // every cell's colour follows its ratio and p-value
    const cells = await table.locator('tbody td').evaluateAll((tds) => tds.map((td) => ({ level: td.getAttribute('data-level'), ratio: td.querySelector('strong')!.textContent, text: td.textContent })));
    expect(cells).toHaveLength(6);
    for (const cell of cells) {
      const p = Number(/p (\d,\d+)/.exec(cell.text!)![1]!.replace(',', '.'));
      const ratio = Number(cell.ratio!.replace(',', '.'));
      const expected = ratio <= 1 ? 'ns' : p <= 0.01 ? '99' : p <= 0.05 ? '95' : p <= 0.1 ? '90' : 'ns';
      expect(cell.level).toBe(expected);
    }
    expect(new URL(page.url()).searchParams.get('iccs')).toBe('05');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('draws grid counts as a choropleth whose legend adds up to the incidents, and exports them as GeoJSON', async () => {
    const page = await env.browser.newPage({ acceptDownloads: true });
    await signIn(page, env.world, env.world.users.analyst);
    await openAnalysis(page);
    await page.getByLabel('Estadística').selectOption('grid');
    await page.getByLabel('Tamaño de celda (m)').fill('1000');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar las geometrías (GeoJSON)' }).click()]);
    const cells = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { features: { properties: { count: number } }[] };
    expect(cells.features.reduce((n, f) => n + f.properties.count, 0)).toBe(19_375);
    // each legend class counts the cells in its range; together, every cell
    const classes = await page.locator('.legend li').allTextContents();
    const counted = classes.map((text) => {
      const [, from, to, units] = /De ([\d.]+) a ([\d.]+) incidentes · ([\d.]+) unidad/.exec(text)!.map((v) => Number(v.replace(/\./g, '')));
      return { units: units!, inRange: cells.features.filter((f) => f.properties.count >= from! && f.properties.count <= to!).length };
    });
    expect(counted.every((c) => c.units === c.inRange)).toBe(true);
    expect(counted.reduce((n, c) => n + c.units, 0)).toBe(cells.features.length);
    await page.close();
  });

  it('draws local Moran clusters with their legend, without map style errors', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.analyst);
    // (before signing in, the session check answers 401 by design)
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openAnalysis(page);
    await page.getByLabel('Estadística').selectOption('moran');
    await page.getByLabel('Tamaño de celda (m)').fill('500');
    await page.getByLabel('Permutaciones').fill('99');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    await page.locator('.legend').waitFor();
    expect(await legendCount(page, 'Alto rodeado de alto')).toBeGreaterThan(0);
    const highHighDrawn = () =>
      page.evaluate(() => {
        const map = window.__alianzaMap;
        return map?.getLayer('analysis-fill') ? map.querySourceFeatures('analysis').filter((f) => f.properties.cluster === 'HH').length : 0;
      });
    await expect.poll(highHighDrawn, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows weekly trends as a chart and a table with the changes, and saves the chart as PNG', async () => {
    const page = await env.browser.newPage({ acceptDownloads: true });
    await signIn(page, env.world, env.world.users.analyst);
    await openAnalysis(page);
    await page.getByLabel('Zona horaria').fill('America/Los_Angeles');
    await page.getByLabel('Estadística').selectOption('trends');
    await page.getByLabel('Período').selectOption('week');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    const table = page.locator('table.data-table').first();
    await table.waitFor();
    // August 2016 in ISO weeks from Monday 1 August to Monday 29 August
    expect(await table.locator('tbody th').allTextContents()).toEqual(['2016-08-01', '2016-08-08', '2016-08-15', '2016-08-22', '2016-08-29']);
    const counts = (await table.locator('tbody td:nth-child(2)').allTextContents()).map((v) => Number(v.replace(/\./g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(19_375);
    expect(await table.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('–');
    expect(await page.locator('svg.trend-chart rect[height]').count()).toBeGreaterThanOrEqual(5);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar el gráfico (PNG)' }).click()]);
    expect(png.suggestedFilename()).toMatch(/^alianza-trends-.*\.png$/);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });

  it('shows the progress of a long run and cancels it', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.analyst);
    await openAnalysis(page);
    // 100 m cells over the city with 999 permutations: minutes of work
    await page.getByLabel('Tamaño de celda (m)').fill('100');
    await page.getByLabel('Permutaciones').fill('999');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    const progress = page.getByRole('progressbar', { name: 'Progreso del análisis' });
    await expect.poll(async () => Number(await progress.getAttribute('value').catch(() => '0')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await page.locator('.analysis-run').textContent()).toContain('calculando');
    await page.getByRole('button', { name: 'Cancelar el análisis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 30_000 }).toBe('cancelled');
    expect(await page.locator('.analysis-run').textContent()).toContain('Cancelado');
    expect(await progress.count()).toBe(0);
    await page.close();
  });

  it("shows the server's field errors next to the fields, in the chosen language", async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.analyst);
    await openAnalysis(page);
    await page.getByLabel('Estadística').selectOption('kde');
    await page.getByLabel('Ancho de banda (m)').fill('400');
    await page.getByLabel('Tamaño de píxel (m)').fill('1000');
    await page.getByRole('button', { name: 'Ejecutar el análisis' }).click();
    await expect.poll(() => fieldError(page, 'Tamaño de píxel (m)').textContent(), { timeout: 30_000 }).toBe('El tamaño del píxel no puede superar el ancho de banda (400 m).');
    expect(await page.getByLabel('Tamaño de píxel (m)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.analysis-run').count()).toBe(0);
    // in English, the same request is refused in English
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('button', { name: 'Run the analysis' }).click();
    await expect.poll(() => fieldError(page, 'Pixel size (m)').textContent(), { timeout: 30_000 }).toBe('The pixel size cannot exceed the bandwidth (400 m).');
    await page.getByLabel('Pixel size (m)').fill('100');
    await page.getByRole('button', { name: 'Run the analysis' }).click();
    await expect.poll(() => runStatus(page), { timeout: 60_000 }).toBe('succeeded');
    expect(await fieldError(page, 'Pixel size (m)').count()).toBe(0);
    // the heat layer comes from the run's tiles
    await expect.poll(() => page.evaluate(() => window.__alianzaMap?.getSource('analysis-heat')?.loaded() ?? false), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('.legend').textContent()).toMatch(/Density from .* incidents per km²/);
    await page.close();
  });

  it('is not offered to viewers, who get the 403 page', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.viewer);
    expect(await page.getByRole('link', { name: 'Análisis', exact: true }).count()).toBe(0);
    await page.goto(`${env.world.url}/w/analysis?kind=gistar`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toContain('Acceso denegado');
    await page.close();
  });
});
