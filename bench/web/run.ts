// `npm run bench:web`: bytes transferred and load time of the public pages on a 360 px phone
// over an emulated slow connection (Chrome DevTools "Slow 3G"-like: 400 kbit/s, 400 ms RTT),
// in Debian's Chromium. Writes the "Web pages" section of docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { launchBrowser, startWorld } from '../../web/e2e/browser.ts';
import { ensureWebBuild } from '../../scripts/web-build.js';
import { writeDocsSection } from '../common/docs-section.ts';

const PAGES = [
  { path: '/', ready: 'h1' },
  { path: '/report', ready: 'form' },
  { path: '/follow-up', ready: 'form' },
  { path: '/login', ready: 'form' },
  { path: '/map', ready: '.maplibregl-canvas' },
];
const SLOW = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

if (!ensureWebBuild()) process.exit(1);
const world = await startWorld();
const browser = await launchBrowser();
const rows: string[] = [];
try {
  for (const { path, ready } of PAGES) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW);
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests += 1;
    });
    const started = Date.now();
    await page.goto(`${world.url}${path}`, { waitUntil: 'commit' });
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    const visible = Date.now() - started;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const idle = Date.now() - started;
    rows.push(`| ${path} | ${requests} | ${(bytes / 1024).toFixed(1)} KB | ${(visible / 1000).toFixed(1)} s | ${(idle / 1000).toFixed(1)} s |`);
    process.stdout.write(`${rows.at(-1)}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await world.platform.stop();
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown CPU';
const chromium = execSync('/usr/bin/chromium --version', { encoding: 'utf8' }).trim();
const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
const section = `## Web pages (npm run bench:web)

Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (code at ${commit}): ${os.cpus().length} vCPU (${cpu}), ${chromium}, server on loopback.

**What**: each public page loaded cold (cache disabled) in a 360 × 740 phone viewport over an emulated slow
connection (400 kbit/s both ways, 400 ms round trip), counting every response's bytes on the wire
(compressed: the server sends pre-built Brotli files). "Ready" is when the page's main content is shown
(heading, form, or the map canvas); "idle" when the network has been quiet for 500 ms. Target: the public
pages a resident uses on a phone transfer under 250 KB compressed; the map loads MapLibre and the offline
basemap only on the map page.

| page | requests | transferred | ready | idle |
|---|--:|--:|--:|--:|
${rows.join('\n')}

/report is the anonymous tip form, /follow-up the page residents return to with their receipt.
`;
writeDocsSection('## Web pages (npm run bench:web)', section);
process.stdout.write('docs/benchmarks.md updated\n');
