import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeAllEventStreams } from '../../server/src/platform/http/event-stream.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { createSharingGroup } from '../../server/src/modules/sharing-groups/service.ts';
import { api, makeToken, makeUser } from '../../server/test/factories.ts';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

/** A partner agency in a task force with the world's police agency, and an agency outside it. */
async function taskForce(tag: string) {
  const { world } = env;
  const ctx = world.platform.ctx;
  const partner = await createOrganization(ctx, systemActor(), { name: `Agencia Aliada ${tag}`, type: 'police_agency', country: 'CO' });
  const outside = await createOrganization(ctx, systemActor(), { name: `Agencia Ajena ${tag}`, type: 'police_agency', country: 'CL' });
  const group = await createSharingGroup(ctx, systemActor(), { name: `Fuerza de tarea ${tag}`, description: '', ownerOrgId: world.orgId, memberOrgIds: [partner.id] });
  const partnerAnalyst = await makeUser(ctx, [{ orgId: partner.id, role: 'analyst' }]);
  const outsider = await makeUser(ctx, [{ orgId: outside.id, role: 'analyst' }]);
  const issuer = await makeUser(ctx, [{ orgId: world.orgId, role: 'analyst' }]);
  const issuerToken = await makeToken(ctx, issuer.id, ['read', 'write']);
  return { partner, group, partnerAnalyst, outsider, issuer, issuerToken };
}

async function issueBulletin(token: string, body: Record<string, unknown>): Promise<string> {
  const created = await api(env.world.platform.app, { method: 'POST', url: '/api/v1/bulletins', auth: { token }, body: { kind: 'information', body: 'Texto del boletín', ...body } });
  expect(created.statusCode, created.body).toBe(201);
  return created.data.id as string;
}

const feedLinks = (page: Page, bulletinId: string) => page.locator(`.feed-list a[href="/w/bulletins/${bulletinId}"]`);
const connection = (page: Page) => page.locator('.connection').getAttribute('data-state');

async function openOperations(page: Page) {
  await page.goto(`${env.world.url}/w/operations`);
  await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('live');
}

describe('operations view and bulletins in a real browser, in Spanish', () => {
  it('a bulletin to a task force arrives live, is acknowledged, and the issuer sees who did; outsiders see nothing', async () => {
    const { world, browser } = env;
    const tf = await taskForce(`A${Date.now()}`);
    const [issuer, partner, outsider] = [await browser.newPage(), await browser.newPage(), await browser.newPage()];
    await signIn(issuer, world, tf.issuer.email);
    await signIn(partner, world, tf.partnerAnalyst.email);
    await signIn(outsider, world, tf.outsider.email);
    await openOperations(partner);
    await openOperations(outsider);
    expect(await seriousA11yViolations(partner)).toEqual([]);

    // The issuer fills the form; an end before the start is the server's to refuse, beside the field.
    await issuer.goto(`${world.url}/w/bulletins`);
    await issuer.getByRole('link', { name: 'Nuevo boletín' }).click();
    await issuer.getByLabel('Tipo').selectOption('modus_operandi');
    const title = `Robo con motocicleta ${Date.now()}`;
    await issuer.getByLabel('Título').fill(title);
    await issuer.getByLabel('Texto').fill('Dos personas en moto interceptan repartidores en el puente.');
    await issuer.getByRole('checkbox', { name: tf.group.name }).check();
    await issuer.getByLabel('Desde', { exact: true }).fill('2026-05-10T08:00');
    await issuer.getByLabel('Hasta', { exact: true }).fill('2026-05-01T08:00');
    await issuer.getByRole('button', { name: 'Marcar el lugar en un mapa' }).click();
    await issuer.waitForFunction(() => window.__alianzaMap?.loaded(), undefined, { timeout: 30_000 });
    await issuer.evaluate(() => window.__alianzaMap!.jumpTo({ center: [-122.66, 45.52], zoom: 14 }));
    await issuer.getByRole('button', { name: 'Marcar el centro del mapa' }).click();
    expect(await seriousA11yViolations(issuer)).toEqual([]);
    await issuer.getByRole('button', { name: 'Emitir boletín' }).click();
    await expect.poll(() => issuer.locator('.field-error').allTextContents()).toEqual([expect.stringMatching(/\S/)]);
    expect(await issuer.getByLabel('Hasta', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await issuer.getByLabel('Hasta', { exact: true }).fill('2099-05-01T08:00');
    await issuer.getByRole('button', { name: 'Emitir boletín' }).click();
    await issuer.waitForURL(/\/w\/bulletins\/[0-9a-f-]{36}$/);
    const bulletinId = issuer.url().split('/').pop()!;
    await expect.poll(() => issuer.locator('h1').textContent()).toBe(title);
    await expect.poll(() => issuer.locator('.tracking').textContent()).toContain('Nadie acusó recibo aún.');
    expect(await seriousA11yViolations(issuer)).toEqual([]);

    // The partner sees it arrive in the feed without reloading, with its place on the map.
    await expect.poll(() => feedLinks(partner, bulletinId).count(), { timeout: 15_000 }).toBe(1);
    expect(await feedLinks(partner, bulletinId).textContent()).toBe('Boletín emitido');
    const item = partner.locator(`.feed-item:has(a[href="/w/bulletins/${bulletinId}"])`);
    expect(await item.locator('.tlp').textContent()).toBe('TLP:AMBER');
    await expect.poll(() => partner.locator('.map-wrap [role=status]').textContent(), { timeout: 15_000 }).toMatch(/^\d+ eventos? en el mapa/);
    // Filtering by kind hides it, and shows it again.
    await partner.getByRole('checkbox', { name: 'Boletines' }).uncheck();
    await expect.poll(() => feedLinks(partner, bulletinId).count()).toBe(0);
    await partner.getByRole('checkbox', { name: 'Boletines' }).check();
    await feedLinks(partner, bulletinId).click();
    await expect.poll(() => partner.locator('h1').textContent()).toBe(title);
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await partner.getByRole('button', { name: 'Acusar recibo' }).click();
    await expect.poll(() => partner.locator('main').textContent()).toContain('Usted acusó recibo el');

    // The issuer's tracking follows without reloading: the partner agency acknowledged, by whom.
    const row = issuer.locator('.tracking tr', { hasText: tf.partner.name });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(tf.partnerAnalyst.displayName);
    expect(await row.textContent()).toContain('Acusado');
    await expect.poll(() => issuer.locator('.tracking').textContent()).toContain('1 persona acusó recibo.');

    // The partner's list shows it received and acknowledged; the issuer's shows it issued.
    await partner.goto(`${world.url}/w/bulletins`);
    const received = partner.getByRole('region', { name: 'Recibidos', exact: true }).locator('li', { hasText: title });
    await expect.poll(() => received.textContent()).toContain('Acusado');
    expect(await seriousA11yViolations(partner)).toEqual([]);
    await issuer.goto(`${world.url}/w/bulletins`);
    await expect.poll(() => issuer.getByRole('region', { name: 'Emitidos por sus organizaciones', exact: true }).textContent()).toContain(title);

    // The outsider learns of the next GREEN bulletin, never of the task force's.
    const sentinel = await issueBulletin(tf.issuerToken, { tlp: 'GREEN', title: 'Aviso general' });
    await expect.poll(() => feedLinks(outsider, sentinel).count(), { timeout: 15_000 }).toBe(1);
    expect(await feedLinks(outsider, bulletinId).count()).toBe(0);
    await outsider.goto(`${world.url}/w/bulletins`);
    await expect.poll(() => outsider.locator('main').textContent()).toContain('Aviso general');
    expect(await outsider.locator('main').textContent()).not.toContain(title);
    await outsider.goto(`${world.url}/w/bulletins/${bulletinId}`);
    await expect.poll(() => outsider.getByRole('alert').textContent()).toBe('El boletín no existe o no tiene acceso a él.');
    await Promise.all([issuer.close(), partner.close(), outsider.close()]);
  }, 180_000);

  it('after a lost connection shows each missed event exactly once, and counts new events while scrolled down', async () => {
    const { world, browser } = env;
    const tf = await taskForce(`B${Date.now()}`);
    // Routes only here, so that the list below holds this test's bulletins alone.
    const amber = { tlp: 'AMBER', sharingGroupIds: [tf.group.id], kind: 'route' };
    for (let i = 0; i < 55; i++) await issueBulletin(tf.issuerToken, { ...amber, title: `Relleno ${i}` });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, world, tf.partnerAnalyst.email);
    await openOperations(page);
    await expect.poll(() => page.locator('.feed-item').count()).toBeGreaterThanOrEqual(25);

    // Offline, and the server ends its streams (as on a restart): the browser cannot reconnect yet.
    await context.setOffline(true);
    closeAllEventStreams();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('reconnecting');
    expect(await page.getByRole('status').first().textContent()).toBe('Conexión perdida; reconectando…');
    const missed = await issueBulletin(tf.issuerToken, { ...amber, title: 'Emitido sin conexión' });
    await context.setOffline(false);
    await expect.poll(() => connection(page), { timeout: 30_000 }).toBe('live');
    await expect.poll(() => feedLinks(page, missed).count(), { timeout: 15_000 }).toBe(1);

    // Scrolled down, new events are counted rather than shown at the top unannounced.
    await page.locator('.feed-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const later = await issueBulletin(tf.issuerToken, { ...amber, title: 'Emitido más tarde' });
    await expect.poll(() => feedLinks(page, later).count(), { timeout: 15_000 }).toBe(1);
    const counter = page.getByRole('button', { name: '1 evento nuevo: ir arriba' });
    await expect.poll(() => counter.count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await counter.click();
    await expect.poll(() => counter.count()).toBe(0);
    expect(await page.locator('.feed-scroll').evaluate((el) => el.scrollTop)).toBe(0);

    // Each position is shown once, the missed event included.
    expect(await feedLinks(page, missed).count()).toBe(1);
    const positions = await page.locator('.feed-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-position')));
    expect(new Set(positions).size).toBe(positions.length);

    // The bulletins list pages through all 57, each once.
    await page.goto(`${world.url}/w/bulletins?kind=route`);
    const received = page.getByRole('region', { name: 'Recibidos', exact: true }).locator('li');
    await expect.poll(() => received.count()).toBe(50);
    await page.getByRole('button', { name: 'Mostrar más boletines' }).click();
    await expect.poll(() => received.count()).toBe(57);
    expect(new Set(await received.locator('a').allTextContents()).size).toBe(57);
    expect(await page.getByRole('button', { name: 'Mostrar más boletines' }).count()).toBe(0);
    await context.close();
  }, 180_000);

  it('tells the user to reload when the events missed while offline are gone, and reloads in place', async () => {
    const { world, browser } = env;
    const db = world.platform.ctx.db;
    const tf = await taskForce(`C${Date.now()}`);
    const amber = { tlp: 'AMBER', sharingGroupIds: [tf.group.id] };
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, world, tf.partnerAnalyst.email);
    await openOperations(page);
    await context.setOffline(true);
    closeAllEventStreams();
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('reconnecting');
    const missed = await issueBulletin(tf.issuerToken, { ...amber, title: 'Perdido' });
    // Retention dropped everything up to the missed event while the user was away.
    const feed = async () => (await api(world.platform.app, { url: '/api/v1/operations/feed?limit=5', auth: { token: tf.issuerToken } })).data as { items: { recordId: string; position: number }[] };
    await expect.poll(async () => (await feed()).items.some((e) => e.recordId === missed)).toBe(true);
    const through = (await feed()).items.find((e) => e.recordId === missed)!.position;
    const { truncated_through } = await db.selectFrom('operations_feed_head').select('truncated_through').executeTakeFirstOrThrow();
    await sql`update operations_feed_head set truncated_through = ${through}`.execute(db);
    try {
      await context.setOffline(false);
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('el servidor ya no los tiene');
      expect(await feedLinks(page, missed).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Recargar la lista' }).click();
      await expect.poll(() => feedLinks(page, missed).count()).toBe(1);
      expect(await alert.count()).toBe(0);
      await expect.poll(() => connection(page)).toBe('live');
      const after = await issueBulletin(tf.issuerToken, { ...amber, title: 'Después de recargar' });
      await expect.poll(() => feedLinks(page, after).count(), { timeout: 15_000 }).toBe(1);
    } finally {
      await sql`update operations_feed_head set truncated_through = ${truncated_through}`.execute(db);
    }
    await context.close();
  }, 180_000);

  it('keeps the new-bulletin page to the roles that issue bulletins', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.officer);
    await page.goto(`${env.world.url}/w/bulletins`);
    await page.locator('h1').waitFor();
    expect(await page.getByRole('link', { name: 'Nuevo boletín' }).count()).toBe(0);
    await page.goto(`${env.world.url}/w/bulletins/new`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Acceso denegado');
    await page.close();
  });
});
