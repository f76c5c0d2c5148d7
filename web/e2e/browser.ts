import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../server/src/config.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import type { Role } from '../../server/src/platform/db/schema.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { makeUser, TEST_PASSWORD } from '../../server/test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../server/test/harness.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** Central Portland, Oregon: the demo jurisdiction's neighbourhood. */
export const PORTLAND_SQUARE = {
  type: 'Polygon' as const,
  coordinates: [[[-122.72, 45.48], [-122.6, 45.48], [-122.6, 45.56], [-122.72, 45.56], [-122.72, 45.48]]],
};

export interface World {
  platform: TestPlatform;
  url: string;
  orgId: string;
  /** E-mail of a user with each role in the police agency. */
  users: Record<Role, string>;
  password: string;
}

/** A running server with the built web app, a police agency with a jurisdiction and one user per role. */
export async function startWorld(config: Partial<Config> = {}): Promise<World> {
  const platform = await startTestPlatform({ config });
  const org = await createOrganization(platform.ctx, systemActor(), { name: 'Policía de Prueba', type: 'police_agency', country: 'US', jurisdiction: PORTLAND_SQUARE });
  const roles: Role[] = ['admin', 'coordinator', 'analyst', 'officer', 'member', 'viewer', 'auditor'];
  const users = {} as Record<Role, string>;
  for (const role of roles) users[role] = (await makeUser(platform.ctx, [{ orgId: org.id, role }])).email;
  const url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  return { platform, url, orgId: org.id, users, password: TEST_PASSWORD };
}

export async function signIn(page: Page, world: World, email: string): Promise<void> {
  await page.goto(`${world.url}/login`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(world.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/w$/);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations of impact serious or critical (WCAG 2.1 A and AA rules). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the app's Content-Security-Policy stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Starts a world and a browser for the calling test file and stops both after it. */
export function useWorldAndBrowser(config: Partial<Config> = {}): { readonly world: World; readonly browser: Browser } {
  const state = {} as { world: World; browser: Browser };
  beforeAll(async () => {
    [state.world, state.browser] = await Promise.all([startWorld(config), launchBrowser()]);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.world?.platform.stop();
  });
  return {
    get world() {
      return state.world;
    },
    get browser() {
      return state.browser;
    },
  };
}
