// `npm run screenshots`: PNGs of the main pages, desktop and phone, into screenshots/ (ignored
// by git), from a throwaway server with a police agency and one user per role.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, signIn, startWorld } from '../web/e2e/browser.ts';

const out = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
const world = await startWorld();
const browser = await launchBrowser();
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };
try {
  for (const [device, viewport] of Object.entries(viewports)) {
    const page = await browser.newPage({ viewport });
    const shoot = async (name: string, url: string, settle?: () => Promise<unknown>) => {
      await page.goto(`${world.url}${url}`);
      await page.locator('h1').first().waitFor();
      await settle?.();
      await page.screenshot({ path: path.join(out, `${name}-${device}.png`), fullPage: true });
      process.stdout.write(`${name}-${device}.png\n`);
    };
    await shoot('home', '/');
    await shoot('login', '/login');
    await shoot('map', '/map', () => page.waitForFunction(() => window.__alianzaMap?.loaded() && window.__alianzaMap.areTilesLoaded(), undefined, { timeout: 30_000 }));
    await signIn(page, world, world.users.coordinator);
    await shoot('dashboard', '/w');
    await shoot('notes', '/w/notes');
    await shoot('note-editor', '/w/notes/new');
    await shoot('members', '/w/members');
    await shoot('operations', '/w/operations', () => page.locator('.connection[data-state=live]').waitFor());
    await shoot('bulletins', '/w/bulletins');
    await shoot('bulletin-editor', '/w/bulletins/new');
    await page.close();
  }
} finally {
  await browser.close();
  await world.platform.stop();
}
