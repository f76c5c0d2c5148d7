import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

describe('anonymous reporting on a phone, in Spanish', () => {
  it('sends a tip, survives a dropped connection without a duplicate, and follows it up with the receipt', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await page.goto(env.world.url);
    await page.getByRole('link', { name: 'Reportar de forma anónima' }).click();
    await page.getByLabel('¿Sobre qué es?').selectOption('drug_sales');
    const text = `Venden droga frente a la escuela, por las tardes ${Date.now()}`;
    await page.getByLabel('¿Qué ocurre?').fill(text);
    await page.getByLabel('Lugar (opcional)').fill('Esquina de la plaza');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The first attempt reaches the server but its answer is lost: the retry must not duplicate.
    let dropped = false;
    await page.route('**/api/v1/tips', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Enviar reporte' }).click();
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gracias. Su reporte fue recibido.');
    const receipt = (await page.locator('.receipt dd').nth(0).textContent())!.replace(/\s/g, '');
    const passphrase = (await page.locator('.receipt dd').nth(1).textContent())!;
    expect(receipt).toMatch(/^\d{16}$/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from reports where body = ${text}`.execute(env.world.platform.ctx.db);
    expect(rows[0]!.n).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByRole('link', { name: 'Hacer seguimiento de un reporte' }).click();
    await page.getByLabel('Número de recibo').fill(receipt);
    await page.getByLabel('Frase de acceso').fill(passphrase.toLowerCase());
    await page.getByRole('button', { name: 'Ver mi reporte' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('recibido');
    await page.getByLabel('Agregar información o responder').fill('También los sábados.');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(() => page.locator('.conversation').textContent()).toContain('También los sábados.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing of the tip or its credentials stays in the browser.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
    expect(stored).not.toContain(receipt);
    expect(stored).not.toContain(text);
    await page.close();
  });
});
