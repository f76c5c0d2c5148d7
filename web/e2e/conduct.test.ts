import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { makeUser } from '../../server/test/factories.ts';
import { seriousA11yViolations, useWorldAndBrowser } from './browser.ts';

// The deployment is under attack: anonymous submissions need a proof of work.
const env = useWorldAndBrowser({ proofOfWorkBits: 12 });

describe('police-conduct feedback on a phone, in Spanish', () => {
  it('says who receives it before anything is written, solves the check in the background, and follows up with the receipt', async () => {
    const { platform, url, orgId } = env.world;
    const oversight = await createOrganization(platform.ctx, systemActor(), { name: `Defensoría ${randomUUID().slice(0, 6)}`, type: 'oversight_body', country: 'US' });
    const admin = await makeUser(platform.ctx, [], { platformAdmin: true });
    await platform.ctx.db.insertInto('routing_rules').values({ channel: 'conduct', org_id: oversight.id, role: 'responsible', scope: 'anywhere', created_by: admin.id }).execute();

    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v1/conduct') statuses.push(response.status());
    });
    await page.goto(url);
    await page.getByRole('link', { name: 'Actuación policial' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Queja o reconocimiento sobre la actuación policial');
    expect(await page.locator('main').textContent()).toContain('Nunca se envía a la unidad policial involucrada');
    expect(await page.getByText('Solo el equipo que clasifica los mensajes del órgano de control lo lee').count()).toBe(1);

    await page.getByLabel('¿Qué quiere contar?').selectOption('complaint_disrespect');
    await page.getByLabel('Unidad policial').selectOption(orgId);
    const text = `Me insultaron en un control de tránsito ${Date.now()}`;
    await page.getByLabel('¿Qué pasó?').fill(text);
    await page.getByLabel('Cuándo (opcional)').fill('el sábado a la tarde');
    await page.getByLabel('Público sin nombres').check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enviar' }).click();

    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Gracias. Su mensaje llegó al órgano de control.');
    expect(statuses).toEqual([428, 201]);
    const receipt = (await page.locator('.receipt dd').nth(0).textContent())!.replace(/\s/g, '');
    const passphrase = (await page.locator('.receipt dd').nth(1).textContent())!;
    const row = await platform.ctx.db.selectFrom('reports').select(['channel', 'concerned_org_id', 'responsible_org_id', 'consent_tier', 'occurred_text']).where('body', '=', text).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'conduct', concerned_org_id: orgId, responsible_org_id: oversight.id, consent_tier: 'public_without_names', occurred_text: 'el sábado a la tarde' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByRole('link', { name: 'Hacer seguimiento de un reporte' }).click();
    await page.getByLabel('Número de recibo').fill(receipt);
    await page.getByLabel('Frase de acceso').fill(passphrase);
    await page.getByRole('button', { name: 'Ver mi reporte' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('recibido');
    await page.getByLabel('Agregar información o responder').fill('Eran dos agentes.');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect.poll(() => page.locator('.conversation').textContent()).toContain('Eran dos agentes.');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
    expect(stored).not.toContain(receipt);
    expect(stored).not.toContain(text);
    await page.close();
  });
});
