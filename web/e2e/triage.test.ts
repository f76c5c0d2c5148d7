import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { api, makeToken, makeUser } from '../../server/test/factories.ts';
import { CAMERA_SERIAL, jpegFromCamera } from '../../server/test/images.ts';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, locale: 'es-CL' };

describe('a tip from a resident to the police, on phones, in Spanish', () => {
  it('is triaged, forwarded redacted and questioned; the resident answers; only the routed organisation reads it', async () => {
    const { world } = env;
    const ctx = world.platform.ctx;
    const other = await createOrganization(ctx, systemActor(), { name: 'Otra Comisaría', type: 'police_agency', country: 'US' });
    const otherOfficer = await makeUser(ctx, [{ orgId: other.id, role: 'officer' }]);
    const admin = { token: await makeToken(ctx, (await makeUser(ctx, [], { platformAdmin: true })).id) };
    const rule = await api(world.platform.app, { method: 'POST', url: '/api/v1/routing-rules', auth: admin, body: { channel: 'tip', orgId: world.orgId, role: 'responsible', scope: 'anywhere' } });
    expect(rule.statusCode).toBe(201);

    // The resident reports.
    const resident = await env.browser.newPage(phone);
    await resident.goto(`${world.url}/report`);
    await resident.getByLabel('¿Sobre qué es?').selectOption('drug_sales');
    const secret = `Don Ramiro ${Date.now()}`;
    await resident.getByLabel('¿Qué ocurre?').fill(`${secret} vende pasta base en el pasaje 3, de noche`);
    // An optional pin, chosen on the map (the map loads only when asked for).
    await resident.getByRole('button', { name: 'Marcar el lugar en un mapa (opcional)' }).click();
    await resident.waitForFunction(() => window.__alianzaMap?.loaded(), undefined, { timeout: 30_000 });
    await resident.evaluate(() => window.__alianzaMap!.jumpTo({ center: [-122.66, 45.52], zoom: 15 }));
    await resident.getByRole('button', { name: 'Marcar el centro del mapa' }).click();
    await resident.getByLabel('Elegir fotos (JPEG, PNG o WebP)').setInputFiles({ name: 'IMG_1.jpg', mimeType: 'image/jpeg', buffer: await jpegFromCamera() });
    await resident.getByRole('button', { name: 'Enviar reporte' }).click();
    await expect.poll(() => resident.locator('h1').textContent()).toBe('Gracias. Su reporte fue recibido.');
    const receipt = (await resident.locator('.receipt dd').nth(0).textContent())!.replace(/\s/g, '');
    const passphrase = (await resident.locator('.receipt dd').nth(1).textContent())!;

    // The coordinator of the routed police agency triages, forwards redacted, and asks.
    const coordinator = await env.browser.newPage(phone);
    await signIn(coordinator, world, world.users.coordinator);
    await coordinator.goto(`${world.url}/w/reports`);
    await coordinator.getByRole('link', { name: new RegExp(secret) }).click();
    await expect.poll(() => coordinator.locator('h1').textContent()).toContain('Denuncia confidencial');
    expect(await coordinator.locator('main').textContent()).toMatch(/\(45\.52\d*, -122\.66\d*\)/);
    // The photo, re-encoded, is there to download (and the download is audited).
    const photo = coordinator.getByRole('link', { name: 'Foto 1 (descargar)' });
    await expect.poll(() => photo.count(), { timeout: 15_000 }).toBe(1);
    const download = await coordinator.request.get(`${world.url}${await photo.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('image/jpeg');
    expect((await download.body()).includes(Buffer.from(CAMERA_SERIAL))).toBe(false);
    expect(await seriousA11yViolations(coordinator)).toEqual([]);
    await coordinator.getByRole('button', { name: 'Marcar como clasificado' }).click();
    await expect.poll(() => coordinator.locator('.badge').first().textContent()).toBe('Clasificado');
    const forward = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Derivar' }) });
    await expect.poll(() => forward.getByLabel('Responsable').inputValue()).toBe(world.orgId);
    await forward.getByLabel('Texto que recibirán (puede tachar datos)').fill('Un vecino vende pasta base en el pasaje 3, de noche');
    await forward.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => coordinator.locator('.badge').first().textContent()).toBe('Derivado');
    const conversation = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Conversación con el residente' }) });
    await conversation.getByLabel('Pregunta o respuesta al residente').fill('¿Desde cuándo ocurre?');
    await conversation.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => conversation.locator('.conversation').textContent()).toContain('¿Desde cuándo ocurre?');

    // The resident answers with the receipt.
    await resident.goto(`${world.url}/follow-up`);
    await resident.getByLabel('Número de recibo').fill(receipt);
    await resident.getByLabel('Frase de acceso').fill(passphrase);
    await resident.getByRole('button', { name: 'Ver mi reporte' }).click();
    await expect.poll(() => resident.locator('.conversation').textContent()).toContain('¿Desde cuándo ocurre?');
    await resident.getByLabel('Agregar información o responder').fill('Desde marzo.');
    await resident.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(() => resident.locator('.conversation').textContent()).toContain('Desde marzo.');
    // The coordinator sees the answer arrive without reloading.
    await expect.poll(() => conversation.locator('.conversation').textContent(), { timeout: 10_000 }).toContain('Desde marzo.');

    // The officer of the routed agency reads the redacted copy; one of another agency does not.
    const officer = await env.browser.newPage(phone);
    await signIn(officer, world, world.users.officer);
    await officer.goto(`${world.url}/w/forwarded`);
    await expect.poll(() => officer.locator('main').textContent()).toContain('Un vecino vende pasta base en el pasaje 3');
    expect(await officer.locator('main').textContent()).not.toContain(secret);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const outsider = await env.browser.newPage(phone);
    await signIn(outsider, world, otherOfficer.email);
    await outsider.goto(`${world.url}/w/forwarded`);
    await expect.poll(() => outsider.locator('main').textContent()).toContain('No hay reportes abiertos derivados a su organización.');
    expect(await outsider.locator('main').textContent()).not.toContain('pasaje 3');
    await outsider.goto(`${world.url}/w/reports`);
    expect(await outsider.locator('main').textContent()).not.toContain('pasaje 3');
    for (const page of [resident, coordinator, officer, outsider]) await page.close();
  });
});
