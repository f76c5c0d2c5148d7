import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { createSharingGroup } from '../../server/src/modules/sharing-groups/service.ts';
import { api, makeToken, makeUser } from '../../server/test/factories.ts';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

describe('hit/no-hit between two agencies, in Spanish', () => {
  it('an analyst finds that a partner holds a phone, asks for contact, the partner shares it, and the analyst reads it', async () => {
    const { world } = env;
    const ctx = world.platform.ctx;
    const partner = await createOrganization(ctx, systemActor(), { name: 'Agencia Andina de Prueba', type: 'police_agency', country: 'CO' });
    const coordinator = await makeUser(ctx, [{ orgId: partner.id, role: 'coordinator' }]);
    const partnerAnalyst = { token: await makeToken(ctx, (await makeUser(ctx, [{ orgId: partner.id, role: 'analyst' }])).id, ['read', 'write']) };
    await createSharingGroup(ctx, systemActor(), { name: 'Fuerza de tarea binacional', description: '', ownerOrgId: partner.id, memberOrgIds: [world.orgId] });
    const secret = `Alias El Contador ${Date.now()}`;
    const held = await api(world.platform.app, {
      method: 'POST', url: '/api/v1/intel/entities', auth: partnerAnalyst,
      body: { type: 'phone', tlp: 'AMBER', attributes: { number: '300 555 0199', description: secret } },
    });
    expect(held.statusCode, held.body).toBe(201);

    // The analyst of the police agency searches the number, written the international way.
    const analyst = await env.browser.newPage();
    await signIn(analyst, world, world.users.analyst);
    await analyst.goto(`${world.url}/w/intel/search`);
    await analyst.getByLabel('Valor').fill('+57 (300) 555-0199');
    await analyst.getByRole('button', { name: 'Buscar' }).click();
    await expect.poll(() => analyst.locator('.correlation').textContent()).toContain('Agencia Andina de Prueba tiene una coincidencia');
    expect(await analyst.locator('main').textContent()).not.toContain(secret);
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    await analyst.getByRole('button', { name: 'Pedir contacto' }).click();
    await analyst.getByLabel('Por qué lo pide (lo leerá el titular)').fill('Mismo número en un caso de extorsión, expediente 2026-031');
    await analyst.getByRole('button', { name: 'Enviar solicitud' }).click();
    await expect.poll(() => analyst.locator('.correlation').textContent()).toContain('Solicitud enviada');

    // The partner's coordinator accepts, sharing with the binational task force.
    const owner = await env.browser.newPage();
    await signIn(owner, world, coordinator.email);
    await owner.goto(`${world.url}/w/intel/requests`);
    const request = owner.locator('li', { hasText: 'expediente 2026-031' });
    await expect.poll(() => request.count()).toBe(1);
    expect(await request.textContent()).toContain('Policía de Prueba');
    expect(await seriousA11yViolations(owner)).toEqual([]);
    await request.getByLabel('Grupo de trabajo', { exact: true }).selectOption({ label: 'Fuerza de tarea binacional' });
    await request.getByRole('button', { name: 'Aceptar' }).click();
    await expect.poll(() => owner.locator('li', { hasText: 'expediente 2026-031' }).locator('.badge').textContent()).toBe('Aceptada');

    // The analyst now reads the record.
    await analyst.goto(`${world.url}/w/intel/search`);
    await analyst.getByLabel('Valor').fill('+57 300 555 0199');
    await analyst.getByRole('button', { name: 'Buscar' }).click();
    await analyst.locator('.correlation a', { hasText: '+57 300 5550199' }).click();
    await expect.poll(() => analyst.locator('h1').textContent()).toBe('+57 300 5550199');
    await expect.poll(() => analyst.locator('main').textContent()).toContain(secret);
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    for (const path of ['/w/intel/entities', '/w/intel/entities/new', '/w/intel/reports', '/w/intel/reports/new', '/w/intel/duplicates']) {
      await analyst.goto(`${world.url}${path}`);
      await analyst.locator('h1').waitFor();
      expect(await seriousA11yViolations(analyst), path).toEqual([]);
    }
    await Promise.all([analyst.close(), owner.close()]);
  });
});
