import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../analytics/src/csv.ts';
import { PORTLAND_SQUARE, seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser({ jobs: true });

const PORTLAND = readFileSync(new URL('../../demo/portland-cfs-2016-08.csv', import.meta.url), 'utf8').split('\n');
const [west, south] = PORTLAND_SQUARE.coordinates[0]![0]!;
const [east, north] = PORTLAND_SQUARE.coordinates[0]![2]!;
/** The header and 40 Portland calls inside the test agency's square, the 3rd of them (line 4) with an impossible date. */
function smallFile(): Buffer {
  const inside = PORTLAND.slice(1).filter((line) => {
    const [lon, lat] = line.split(',').slice(-3, -1).map(Number) as [number, number];
    return !line.includes('"') && lon > west! && lon < east! && lat > south! && lat < north!;
  });
  const lines = [PORTLAND[0]!, ...inside.slice(0, 40)];
  lines[3] = lines[3]!.replace(/2016-08-\d\d/, '2016-02-30');
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('incident imports in the workspace', () => {
  it('an analyst saves a profile, uploads a file with one bad row, follows it to the end and downloads its error report', async () => {
    const { world } = env;
    await world.platform.ctx.db
      .insertInto('category_mappings')
      .values(['BURGLARY', 'MOTOR VEHICLE THEFT', 'STREET CRIMES', 'OTHER'].map((source_category, i) => ({ owner_org_id: world.orgId, source_category, iccs_code: i === 0 ? '0501' : null })))
      .execute();
    const page = await env.browser.newPage({ acceptDownloads: true });
    await signIn(page, world, world.users.analyst);
    await page.getByRole('link', { name: 'Importaciones' }).click();
    await page.waitForURL(/\/w\/imports$/);

    await page.getByRole('button', { name: 'Nuevo perfil' }).click();
    const form = page.getByRole('form', { name: 'Perfil de importación' });
    await form.getByLabel('Nombre del perfil').fill('Portland, llamadas');
    await form.getByLabel('Columna de la categoría').fill('category');
    await form.getByLabel('Columna de la fecha del hecho').fill('occ_date');
    await form.getByLabel('Columna de la longitud o coordenada X').fill('x_ft');
    await form.getByLabel('Columna de la latitud o coordenada Y').fill('y_ft');
    await form.getByLabel('Diferencia con UTC, en minutos').fill('-420');
    await form.getByLabel('Sistema de coordenadas (EPSG)').selectOption('EPSG:2913');
    await form.getByRole('button', { name: 'Guardar el perfil' }).click();
    await expect.poll(() => page.getByLabel('Perfil de importación').first().inputValue()).not.toBe('');

    await page.getByLabel('Archivo', { exact: true }).setInputFiles({ name: 'llamadas.csv', mimeType: 'text/csv', buffer: smallFile() });
    await page.getByRole('button', { name: 'Subir e importar' }).click();
    const current = page.locator('section[aria-labelledby="current-title"]');
    await expect.poll(() => current.textContent(), { timeout: 30_000 }).toContain('40 registros: 39 importados, 0 actualizados, 0 sin cambios, 1 rechazados');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), current.getByRole('link', { name: 'Descargar el informe de errores (1 filas)' }).click()]);
    expect(download.suggestedFilename()).toBe('llamadas.errors.csv');
    const [header, row, ...more] = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(header!.slice(0, 4)).toEqual(['line', 'reason', 'column', 'message']);
    expect([row!.slice(0, 3), more]).toEqual([['4', 'bad_date', 'occ_date'], []]);
    expect(row).toContain('2016-02-30');

    const stored = await world.platform.ctx.db.selectFrom('incidents').select('external_id').where('owner_org_id', '=', world.orgId).execute();
    expect(stored).toHaveLength(39);
    await page.close();
  });

  it('is not offered to viewers, who get the 403 page', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.viewer);
    expect(await page.getByRole('link', { name: 'Importaciones' }).count()).toBe(0);
    await page.goto(`${env.world.url}/w/imports`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Acceso denegado');
    await page.close();
  });
});
