import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { makeToken, makeUser, type Auth } from '../../server/test/factories.ts';
import { graphFactories } from '../../server/test/graph-factories.ts';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();
const f = graphFactories(() => env.world.platform.app);

/** Loading, drawing and the layout worker take a while on a busy machine. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 200 });

const drawn = (page: Page) => page.evaluate(() => ({ nodes: window.alianzaGraph?.nodes().sort() ?? [], edges: window.alianzaGraph?.edges().sort() ?? [] }));

/** Waits for the layout to settle, so a node stays where the pointer is sent. */
async function settled(page: Page) {
  await page.waitForFunction(() => window.alianzaGraph !== undefined && !window.alianzaGraph.layoutRunning(), undefined, { timeout: 30_000 });
}

async function pointAt(page: Page, node: string) {
  await page.locator('.graph-canvas').scrollIntoViewIfNeeded();
  await settled(page);
  const at = await page.evaluate((id) => window.alianzaGraph!.position(id), node);
  expect(at).not.toBeNull();
  return at!;
}

/**
 *   boss ──2022── lieutenant ──2024→── runner ──(undated)── courier ── partner contact (GREEN, partner's)
 *                                        │ └──2023── phone
 *                                        └── secret (the partner's AMBER entity: never shown to us)
 */
describe('link analysis in the workspace, in Spanish', () => {
  it('shows only what the analyst may see, expands, finds the shortest path and filters by time', async () => {
    const { world } = env;
    const ctx = world.platform.ctx;
    const own: Auth = { token: await makeToken(ctx, (await makeUser(ctx, [{ orgId: world.orgId, role: 'officer' }])).id, ['read', 'write']) };
    const partnerOrg = await createOrganization(ctx, systemActor(), { name: 'Fiscalía Andina de Prueba', type: 'prosecutor', country: 'PE' });
    const partner: Auth = { token: await makeToken(ctx, (await makeUser(ctx, [{ orgId: partnerOrg.id, role: 'analyst' }])).id, ['read', 'write']) };
    const marker = `${Date.now()}`;
    const boss = (await f.person(own, `Jefe ${marker}`)).id;
    const lieutenant = (await f.person(own, `Teniente ${marker}`)).id;
    const runner = (await f.person(own, `Mensajero ${marker}`, 'GREEN')).id;
    const courier = (await f.person(own, `Correo ${marker}`, 'GREEN')).id;
    const phone = (await f.phone(own, '+57 300 444 5566')).id;
    const secret = await f.person(partner, `Fuente reservada ${marker}`, 'AMBER');
    const contact = (await f.person(partner, `Contacto andino ${marker}`, 'GREEN')).id;
    const bossLt = (await f.link(own, boss, lieutenant, { validFrom: '2022-01-01T00:00:00Z', validTo: '2022-12-31T00:00:00Z' })).id;
    const ltRunner = (await f.link(own, lieutenant, runner, { validFrom: '2024-03-01T00:00:00Z' })).id;
    const runnerCourier = (await f.link(own, runner, courier, { tlp: 'GREEN' })).id;
    const runnerPhone = (await f.link(own, runner, phone, { type: 'uses', validFrom: '2023-01-01T00:00:00Z', validTo: '2023-06-30T00:00:00Z' })).id;
    const hiddenLink = (await f.link(partner, secret.id, runner, { tlp: 'AMBER' })).id;
    await f.link(partner, contact, courier, { tlp: 'GREEN' });

    const page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, world, world.users.analyst);
    // From the entity's page.
    await page.goto(`${world.url}/w/intel/entities/${boss}`);
    await page.getByRole('link', { name: 'Ver en el grafo' }).click();
    await page.waitForURL(/\/w\/intel\/graph\?/);
    await page.getByLabel('Profundidad (vínculos)').selectOption('1');
    await poll(async () => (await drawn(page)).nodes).toEqual([boss, lieutenant].sort());
    expect(await page.locator('.graph-neighbours').textContent()).toContain(`Teniente ${marker}`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Double-click the lieutenant: one more level around it.
    const at = await pointAt(page, lieutenant);
    await page.mouse.dblclick(at.x, at.y);
    await poll(async () => (await drawn(page)).nodes).toEqual([boss, lieutenant, runner].sort());
    expect(page.url()).toContain(`exp=${lieutenant}`);

    // Further out: the partner's GREEN contact is there, its AMBER source never is.
    await page.getByLabel('Profundidad (vínculos)').selectOption('4');
    await poll(async () => (await drawn(page)).nodes).toEqual([boss, lieutenant, runner, courier, phone, contact].sort());
    const all = await drawn(page);
    expect(all.nodes).not.toContain(secret.id);
    expect(all.edges).not.toContain(hiddenLink);
    expect(await page.locator('main').textContent()).not.toContain('Fuente reservada');

    // Shortest path from the boss (clicked) to the partner's contact (asked by name).
    const b = await pointAt(page, boss);
    await page.mouse.click(b.x, b.y);
    await poll(() => page.locator('#graph-side-title').textContent()).toBe(`Jefe ${marker}`);
    await page.getByLabel('Camino más corto hasta').fill(`Contacto andino ${marker}`);
    await page.getByRole('button', { name: 'Buscar camino' }).click();
    await poll(() => page.locator('.graph-path li').allTextContents()).toEqual([`Jefe ${marker}`, `Teniente ${marker}`, `Mensajero ${marker}`, `Correo ${marker}`, `Contacto andino ${marker}`]);
    expect(await page.locator('.graph-side').textContent()).toContain('Un camino de 4 vínculos');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The state is in the address: the same view opens from a shared link.
    const shared = page.url();
    const second = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(second, world, world.users.analyst);
    await second.goto(shared);
    await poll(() => second.locator('.graph-path li').count()).toBe(5);
    await second.close();

    // The timeline's end moved to its start: only links in force then stay drawn.
    const to = page.getByLabel('Hasta', { exact: true });
    await to.focus();
    await page.keyboard.press('Home');
    await poll(async () => (await drawn(page)).edges.includes(ltRunner)).toBe(false);
    const early = await drawn(page);
    expect(early.edges).toContain(bossLt);
    expect(early.edges).toContain(runnerCourier);
    expect(early.edges).not.toContain(runnerPhone);
    expect(early.nodes).not.toContain(phone);
    expect(page.url()).toContain('to=2022-01-01');
    await page.keyboard.press('End');
    await poll(async () => (await drawn(page)).edges.includes(runnerPhone)).toBe(true);
    await page.close();
  });

  it('is for the need-to-know roles: a member gets the 403 page and no graph link', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.member);
    expect(await page.locator('nav.side-nav').textContent()).not.toContain('Análisis de vínculos');
    await page.goto(`${env.world.url}/w/intel/graph`);
    await poll(() => page.locator('h1').textContent()).toBe('Acceso denegado');
    await page.close();
  });
});
