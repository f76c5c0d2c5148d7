// `npm run bench:intel-graph-render`: frame times of the graph view (/w/intel/graph) in Debian's
// headless Chromium, with a generated 5,000-entity / ~15,000-link graph and, in the same run, a
// 500-entity reference, while ForceAtlas2 lays it out (in a web worker) and while the reader
// pans and zooms. Writes the "Graph view rendering" section of docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/web-build.js';
import { launchBrowser, signIn, startWorld } from '../../web/e2e/browser.ts';
import { writeDocsSection } from '../common/docs-section.ts';
import { positiveEnv } from '../common/env.ts';
import { percentile } from '../common/stats.ts';
import { generateGraph, insertGraph } from './graph-data.ts';
import type {} from '../../web/src/pages/intel/graph/graph-test-hook.ts';

const SIZES = [500, positiveEnv('BENCH_GRAPH_NODES', 5000, { integer: true })];
/** How long frames are recorded in each phase, at most (the layout may settle sooner). */
const PHASE_MS = positiveEnv('BENCH_GRAPH_PHASE_MS', 6000);
const SECTION = '## Graph view rendering (npm run bench:intel-graph-render)';

interface Frames {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
  /** Frames over 50 ms: what a reader feels as a stutter. */
  long: number;
  /** Share of the time the main thread was in long tasks (its own work, not waiting for a core). */
  busy: number;
}

function summarise({ deltas, busy }: { deltas: number[]; busy: number }): Frames {
  const sorted = [...deltas].sort((a, b) => a - b);
  const total = deltas.reduce((s, d) => s + d, 0);
  return {
    count: deltas.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) ?? Number.NaN,
    fps: deltas.length / (total / 1000), long: deltas.filter((d) => d > 50).length, busy,
  };
}

/** Starts recording requestAnimationFrame deltas in the page (a string: tsx would wrap a named function). */
const startFrames = (page: Page) =>
  page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    window.__busy = 0;
    window.__started = performance.now();
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__busy += e.duration; });
    window.__observer.observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now) => {
      if (!window.__recording) return;
      window.__frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  })()`);
/** The deltas, and the share of the recording the main thread spent in long tasks (over 50 ms). */
const stopFrames = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean; __busy: number; __started: number; __observer: PerformanceObserver };
    w.__recording = false;
    w.__observer.disconnect();
    return { deltas: w.__frames, busy: w.__busy / (performance.now() - w.__started) };
  });

/** Drags and wheel-zooms over the canvas for `ms`, as a reader exploring the graph would. */
async function panAndZoom(page: Page, ms: number) {
  const box = (await page.locator('.graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until; i += 1) {
    await page.mouse.move(cx - 120, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 120, cy + (i % 2 ? 60 : -60), { steps: 20 });
    await page.mouse.up();
    await page.mouse.move(cx, cy);
    for (let k = 0; k < 4; k += 1) await page.mouse.wheel(0, i % 2 ? 120 : -120);
  }
}

const world = await startWorld();
const browser = await launchBrowser();
const results: { nodes: number; edges: number; loadMs: number; apiMs: number; layout: Frames; layoutSettledMs: number | null; pan: Frames }[] = [];
let renderer = 'unknown';
const loadBefore = os.loadavg();
try {
  if (!ensureWebBuild()) process.exit(1);
  const db = world.platform.ctx.db;
  const analyst = await db.selectFrom('users').select('id').where('email', '=', world.users.analyst).executeTakeFirstOrThrow();
  const graphs = SIZES.map((n, i) => ({ n, graph: generateGraph(n, 11 + i) }));
  for (const { graph } of graphs) await insertGraph(db, graph, world.orgId, analyst.id);

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  page.on('console', (m) => m.type() === 'error' && process.stderr.write(`console: ${m.text()}\n`));
  await signIn(page, world, world.users.analyst);
  renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL 2';
  });
  for (const { n, graph } of graphs) {
    const started = Date.now();
    await page.goto(`${world.url}/w/intel/graph?${new URLSearchParams({ entity: graph.start, depth: '3', max: '5000' })}`);
    await page.waitForFunction((count) => (window.alianzaGraph?.nodes().length ?? 0) >= count, n, { timeout: 300_000, polling: 100 });
    const loadMs = Date.now() - started;
    const apiMs = await page.evaluate(() => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/intel/graph/neighbourhood'));
      return entry ? entry.duration : Number.NaN;
    });
    const edges = await page.evaluate(() => window.alianzaGraph!.edges().length);

    // While ForceAtlas2 runs in its worker: the page keeps drawing each step it sends back.
    await startFrames(page);
    const layoutStart = Date.now();
    let layoutSettledMs: number | null = null;
    while (Date.now() - layoutStart < PHASE_MS) {
      if (!(await page.evaluate(() => window.alianzaGraph!.layoutRunning()))) {
        layoutSettledMs = Date.now() - layoutStart;
        break;
      }
      await page.waitForTimeout(100);
    }
    const layout = summarise(await stopFrames(page));
    await page.evaluate(() => window.alianzaGraph!.stopLayout());

    await startFrames(page);
    await panAndZoom(page, PHASE_MS);
    const pan = summarise(await stopFrames(page));
    results.push({ nodes: n, edges, loadMs, apiMs, layout, layoutSettledMs, pan });
    process.stdout.write(`${n} nodes / ${edges} links: load ${loadMs} ms, layout median ${layout.medianMs.toFixed(1)} ms p95 ${layout.p95Ms.toFixed(1)} ms, pan/zoom median ${pan.medianMs.toFixed(1)} ms p95 ${pan.p95Ms.toFixed(1)} ms\n`);
  }
  await page.close();
} finally {
  await browser.close();
  await world.platform.stop();
}
const loadAfter = os.loadavg();

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? 'unknown CPU';
const chromium = execSync('/usr/bin/chromium --version', { encoding: 'utf8' }).trim();
const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const row = (r: (typeof results)[number], phase: 'layout' | 'pan') => {
  const f = r[phase];
  return `| ${r.nodes.toLocaleString('en')} / ${r.edges.toLocaleString('en')} | ${phase === 'layout' ? 'layout (ForceAtlas2 in a worker)' : 'pan and zoom'} | ${f.count} | ${ms(f.medianMs)} | ${ms(f.p95Ms)} | ${ms(f.maxMs)} | ${f.fps.toFixed(1)} | ${f.long} | ${(f.busy * 100).toFixed(0)} % |`;
};
const [reference, large] = results as [(typeof results)[number], (typeof results)[number]];
const ratio = (phase: 'layout' | 'pan', key: 'medianMs' | 'p95Ms') => (large[phase][key] / reference[phase][key]).toFixed(2);
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
const section = `${SECTION}

Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (code at ${commit}): ${os.cpus().length} vCPU (${cpu}), ${chromium} headless,
WebGL by ${renderer} (software rendering: this machine has no GPU), 1400 × 1000 viewport. Load average (1/5/15 min)
${load(loadBefore)} before the run, ${load(loadAfter)} after it; the machine is shared, so compare rows of one run.

**What**: \`/w/intel/graph\` opened as an analyst on a generated graph (a depth-3 tree from one entity plus about two
more links per entity to entities nearby, link validity spread over 2019–2025), every entity within depth 3, so the
neighbourhood API returns the whole graph. Frame times are the gaps between \`requestAnimationFrame\` callbacks on the
page's main thread: first for up to ${PHASE_MS / 1000} s while ForceAtlas2 runs in a web worker, in batches of about 100 ms that
Sigma.js draws before the next is asked for, then for ${PHASE_MS / 1000} s of mouse drags and wheel zooms over the canvas (Sigma.js redraws each frame). A frame
over 50 ms counts as long. 60 fps is 16.7 ms a frame.

| entities / links | phase | frames | median ms | p95 ms | max ms | fps | long frames | main thread in long tasks |
|---|---|--:|--:|--:|--:|--:|--:|--:|
${results.flatMap((r) => [row(r, 'layout'), row(r, 'pan')]).join('\n')}

${large.nodes.toLocaleString('en')} against ${reference.nodes} entities, same run: median frame × ${ratio('layout', 'medianMs')} and p95 × ${ratio('layout', 'p95Ms')} during layout,
median × ${ratio('pan', 'medianMs')} and p95 × ${ratio('pan', 'p95Ms')} during pan and zoom. Opening the view until every entity was drawn took
${results.map((r) => `${(r.loadMs / 1000).toFixed(1)} s for ${r.nodes.toLocaleString('en')}`).join(' and ')} (of which the neighbourhood request
${results.map((r) => `${(r.apiMs / 1000).toFixed(1)} s`).join(' and ')}, on embedded PGlite in the same process as the benchmark).
The layout ${results.map((r) => (r.layoutSettledMs === null ? `was still running after ${PHASE_MS / 1000} s at ${r.nodes.toLocaleString('en')}` : `settled after ${(r.layoutSettledMs / 1000).toFixed(1)} s at ${r.nodes.toLocaleString('en')}`)).join(', ')}.
`;
if (process.env.BENCH_WRITE_DOCS === '0') process.stdout.write(section);
else {
  writeDocsSection(SECTION, section);
  process.stdout.write('docs/benchmarks.md updated\n');
}
