import { describe, expect, it } from 'vitest';
import { seriousA11yViolations, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

describe('public area in a real browser', () => {
  it('is in Spanish by default and keyboard-operable from the first Tab', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.world.url);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Juntos');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saltar al contenido');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Walk forward with Tab only until the sign-in link has focus, then follow it with Enter.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Iniciar sesión';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/login$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Iniciar sesión');
    await page.close();
  });

  it('has no serious or critical accessibility violations on the home and login pages', async () => {
    const page = await env.browser.newPage();
    for (const path of ['/', '/login']) {
      await page.goto(`${env.world.url}${path}`);
      await page.locator('h1').waitFor();
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await page.close();
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    for (const path of ['/', '/login', '/map']) {
      await page.goto(`${env.world.url}${path}`);
      await page.locator('h1').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.close();
  });

  it('switches language and remembers the choice', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.world.url);
    await page.getByLabel('Idioma').selectOption('pt');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Juntos contra o crime');
    expect(await page.locator('html').getAttribute('lang')).toBe('pt');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Juntos contra o crime');
    await page.getByLabel('Idioma').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Together against');
    await page.close();
  });

  it('renders the offline basemap and the jurisdiction from vector tiles', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.world.url}/map`);
    await page.waitForFunction(() => window.__alianzaMap?.loaded() && window.__alianzaMap.areTilesLoaded(), undefined, { timeout: 30_000 });
    await page.evaluate(() => window.__alianzaMap!.jumpTo({ center: [-122.66, 45.52], zoom: 11 }));
    await page.waitForFunction(
      () => {
        const map = window.__alianzaMap!;
        return map.areTilesLoaded() && map.queryRenderedFeatures({ layers: ['jurisdictions-fill'] }).length > 0;
      },
      undefined,
      { timeout: 30_000 },
    );
    const names = await page.evaluate(() => window.__alianzaMap!.queryRenderedFeatures({ layers: ['jurisdictions-fill'] }).map((f) => f.properties?.name));
    expect(names).toContain('Policía de Prueba');
    const land = await page.evaluate(() => window.__alianzaMap!.queryRenderedFeatures({ layers: ['land'] }).length);
    expect(land).toBeGreaterThan(0);
    await page.close();
  });

  it('answers an unknown page with a 404 page, not a blank screen', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.world.url}/no-such-page`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Página no encontrada');
    await page.close();
  });
});
