import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CAMERA_SERIAL, jpegFromCamera } from '../../server/test/images.ts';
import { seriousA11yViolations, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

describe('photos of a tip, on a phone, in Spanish', () => {
  it('are sent after the tip, retried after a dropped connection without a copy, and added from the follow-up', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    const db = env.world.platform.ctx.db;
    await page.goto(`${env.world.url}/report`);
    await page.getByLabel('¿Sobre qué es?').selectOption('extortion');
    await page.getByLabel('¿Qué ocurre?').fill('Cobran vacuna a los comercios de la calle 5.');
    await page.getByLabel('Elegir fotos (JPEG, PNG o WebP)').setInputFiles({ name: 'IMG_20260114_093112.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCamera() });
    await expect.poll(() => page.locator('.photo-list').textContent()).toContain('por enviar');
    expect(await page.getByText('se quitan de las fotos la ubicación').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The photo reaches the server but the answer is lost; the file name never leaves the phone.
    const bodies: Buffer[] = [];
    let dropped = false;
    await page.route('**/api/v1/tips/attachments', async (route) => {
      bodies.push(route.request().postDataBuffer()!);
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: 'Enviar reporte' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gracias. Su reporte fue recibido.');
    await page.getByRole('button', { name: 'Reintentar el envío de las fotos' }).click();
    await expect.poll(() => page.locator('.photo-list').textContent()).toContain('enviada');
    expect(bodies.length).toBe(2);
    for (const body of bodies) expect(body.includes('IMG_20260114')).toBe(false);
    const receipt = (await page.locator('.receipt dd').nth(0).textContent())!.replace(/\s/g, '');
    const passphrase = (await page.locator('.receipt dd').nth(1).textContent())!;
    const stored = await db.selectFrom('report_attachments').select(['report_id', 'content']).execute();
    expect(stored.length).toBe(1);
    expect(Buffer.from(stored[0]!.content).includes(CAMERA_SERIAL)).toBe(false);

    await page.getByRole('link', { name: 'Hacer seguimiento de un reporte' }).click();
    await page.getByLabel('Número de recibo').fill(receipt);
    await page.getByLabel('Frase de acceso').fill(passphrase);
    await page.getByRole('button', { name: 'Ver mi reporte' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('1 foto adjunta');
    await page.getByLabel('Elegir fotos (JPEG, PNG o WebP)').setInputFiles({ name: 'otra.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCamera() });
    await page.getByRole('button', { name: 'Enviar las fotos' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('2 fotos adjuntas');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from report_attachments where report_id = ${stored[0]!.report_id}`.execute(db);
    expect(rows[0]!.n).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
