import { describe, expect, it } from 'vitest';
import { PORTLAND_SQUARE, seriousA11yViolations, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

describe('unsafe places on a phone, in Spanish', () => {
  it('reports a place with a pin tapped on the map, then finds it on the public list with its status', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await page.goto(env.world.url);
    await page.getByRole('link', { name: 'Lugares inseguros' }).click();
    await page.getByRole('link', { name: 'Reportar un lugar inseguro' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reportar un lugar inseguro');

    await page.getByLabel('Categoría').selectOption('broken_lighting');
    const text = `Toda la cuadra sin luz desde hace semanas ${Date.now()}`;
    await page.getByLabel('¿Qué hace inseguro el lugar?').fill(text);
    // The map opens on the platform's jurisdictions; bring it close, then tap it.
    await page.waitForFunction(() => window.__alianzaMap?.loaded(), undefined, { timeout: 30_000 });
    await page.evaluate(() => window.__alianzaMap!.jumpTo({ center: [-122.66, 45.52], zoom: 15 }));
    const map = page.getByRole('region', { name: 'Mapa para marcar el lugar' });
    await map.scrollIntoViewIfNeeded();
    await map.click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Lugar marcado en el mapa.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Enviar reporte' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gracias. Su reporte fue recibido.');
    const number = (await page.locator('.receipt dd').first().textContent())!.trim();
    expect(number).toMatch(/^\d+$/);
    const saved = await env.world.platform.ctx.db
      .selectFrom('reports')
      .select(['channel', 'body'])
      .select((eb) => [eb.fn<number>('ST_X', ['location']).as('lon'), eb.fn<number>('ST_Y', ['location']).as('lat')])
      .where('public_id', '=', number)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ channel: 'unsafe_place', body: text });
    const ring = PORTLAND_SQUARE.coordinates[0]!;
    const lons = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    expect(saved.lon).toBeGreaterThan(Math.min(...lons));
    expect(saved.lon).toBeLessThan(Math.max(...lons));
    expect(saved.lat).toBeGreaterThan(Math.min(...lats));
    expect(saved.lat).toBeLessThan(Math.max(...lats));

    await page.getByRole('link', { name: 'Ver el estado del reporte' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Reporte n.º ${number}`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('recibido');

    await page.getByRole('link', { name: 'Ver todos los lugares inseguros' }).click();
    const item = page.locator('.places li').filter({ hasText: `Reporte n.º ${number}` });
    await expect.poll(() => item.textContent()).toContain('recibido');
    expect(await item.textContent()).toContain('Alumbrado público dañado');
    await page.getByLabel('Estado').selectOption('closed');
    await expect.poll(() => item.count()).toBe(0);
    await page.getByLabel('Estado').selectOption('open');
    await expect.poll(() => item.count()).toBe(1);
    await page.waitForFunction(() => window.__alianzaMap?.loaded(), undefined, { timeout: 30_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
