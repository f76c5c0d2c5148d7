// `npm run bench:analytics`: the analytics package side by side with R on the same inputs, in
// one run: Gi* and local Moran on a 500 × 500 grid (spdep), kernel density of 1,000,000 points
// to 1000 × 1000 pixels (spatstat density.ppp), and the Knox test with 999 permutations on the
// Chicago burglaries (against the NearRepeat timing recorded in shared/reference/README.md).
// Prints a markdown table and rewrites its section of docs/benchmarks.md.
// Knobs: BENCH_RUNS (TypeScript runs after a warm-up, median; 5), BENCH_R_RUNS (R runs of the KDE; 3),
// BENCH_R_GRID_RUNS (R runs of the grid statistics, ~80 s each; 1), BENCH_R=0 (skip R),
// BENCH_WRITE_DOCS=0.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gridContiguity, kernelDensity, knoxTest, localGiStar, localMoran } from '../../analytics/src/index.ts';
import { positiveEnv } from '../common/env.ts';
import { describeMachine } from '../api/machine.ts';
import { chicagoEvents, bruteForceKnoxObserved, RECORDED_NEARREPEAT } from './chicago.ts';
import { gridCounts, mixturePoints } from './data.ts';
import { ensureR, readDoubles, runR, type RTiming } from './r-reference.ts';
import { writeReport, type Row } from './report.ts';

const runs = positiveEnv('BENCH_RUNS', 5, { integer: true });
const rRuns = positiveEnv('BENCH_R_RUNS', 3, { integer: true });
const rGridRuns = positiveEnv('BENCH_R_GRID_RUNS', 1, { integer: true });
const withR = process.env.BENCH_R !== '0';
const log = (line: string) => process.stderr.write(`[bench:analytics] ${line}\n`);

/** Median of `runs` timed calls after one untimed warm-up call (lets the JIT compile first). */
function timeMedian<T>(fn: () => T): { seconds: number; value: T } {
  const times: number[] = [];
  let value = fn();
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    value = fn();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)]!, value };
}

function maxRelative(ours: Float64Array, theirs: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < theirs.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!) / Math.max(1, Math.abs(theirs[i]!)));
  return worst;
}

/** README tolerance for the KDE: 1e-9 relative above 1e-6·max, 1e-12·max absolute elsewhere. */
function kdeDeviation(ours: Float64Array, theirs: Float64Array): { relative: number; note: string } {
  let max = 0;
  for (const v of theirs) max = Math.max(max, v);
  let relative = 0;
  let absolute = 0;
  let low = 0;
  for (let i = 0; i < theirs.length; i++) {
    const d = Math.abs(ours[i]! - theirs[i]!);
    if (theirs[i]! > 1e-6 * max) relative = Math.max(relative, d / theirs[i]!);
    else {
      absolute = Math.max(absolute, d / max);
      low++;
    }
  }
  return { relative, note: low === 0 ? 'every pixel above 1e-6·max' : `${low} pixels below 1e-6·max: abs. dev. ${absolute.toExponential(1)}·max (tol. 1e-12)` };
}

const sum = (...timings: (RTiming | undefined)[]) => (timings.every(Boolean) ? timings.reduce((s, t) => s + t!.median, 0) : null);

const loadBefore = os.loadavg()[0]!;
const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-analytics-'));
const rows: Row[] = [];
let rVersion = 'R not run (BENCH_R=0)';
try {
  if (withR) rVersion = ensureR(log);

  // 1. Gi* and local Moran on a 500 × 500 grid
  const side = 500;
  const counts = gridCounts(side, 42);
  log(`grid ${side} × ${side}, total ${counts.reduce((s, v) => s + v, 0)}`);
  const weights = timeMedian(() => gridContiguity(side, side, 'queen'));
  const gi = timeMedian(() => localGiStar(counts, weights.value));
  const mo = timeMedian(() => localMoran(counts, weights.value));
  let rGrid = new Map<string, RTiming>();
  let giMatch: number | null = null;
  let moMatch: number | null = null;
  if (withR) {
    writeFileSync(path.join(dir, 'grid.bin'), counts);
    log(`R spdep on the grid (${rGridRuns} run(s); cell2nb alone takes about a minute)`);
    rGrid = runR(['grid', path.join(dir, 'grid.bin'), String(side), String(rGridRuns), path.join(dir, 'grid')]);
    giMatch = maxRelative(gi.value.z, readDoubles(path.join(dir, 'grid-gistar.bin')));
    moMatch = maxRelative(mo.value.z, readDoubles(path.join(dir, 'grid-moran.bin')));
  }
  rows.push(
    { what: 'Gi*, statistic only (localG)', ours: gi.seconds, r: rGrid.get('localG')?.median ?? null, match: giMatch, tolerance: 1e-6 },
    { what: 'Gi*, with queen weights (cell2nb + nb2listw B + localG)', ours: weights.seconds + gi.seconds, r: sum(rGrid.get('cell2nb'), rGrid.get('nb2listw_B_self'), rGrid.get('localG')), match: giMatch, tolerance: 1e-6 },
    { what: 'local Moran, statistic only (localmoran)', ours: mo.seconds, r: rGrid.get('localmoran')?.median ?? null, match: moMatch, tolerance: 1e-6 },
    { what: 'local Moran, with weights (cell2nb + nb2listw W + localmoran)', ours: weights.seconds + mo.seconds, r: sum(rGrid.get('cell2nb'), rGrid.get('nb2listw_W'), rGrid.get('localmoran')), match: moMatch, tolerance: 1e-6 },
  );

  // 2. Kernel density, 1,000,000 points to 1000 × 1000 pixels, sigma 1/100 of the side
  const points = mixturePoints(1_000_000, 42);
  const raster = { originX: 0, originY: 0, cellSize: 1 / 1000, ncol: 1000, nrow: 1000 };
  const kde = timeMedian(() => kernelDensity(points, raster, { bandwidth: 0.01 }));
  const kdeEdge = timeMedian(() => kernelDensity(points, raster, { bandwidth: 0.01, edgeCorrection: true }));
  let rKde = new Map<string, RTiming>();
  let kdeMatch: { relative: number; note: string } | null = null;
  let kdeEdgeMatch: { relative: number; note: string } | null = null;
  if (withR) {
    const xy = new Float64Array(2_000_000);
    xy.set(points.x);
    xy.set(points.y, 1_000_000);
    writeFileSync(path.join(dir, 'points.bin'), xy);
    log(`R spatstat density.ppp (${rRuns} runs each)`);
    rKde = runR(['kde', path.join(dir, 'points.bin'), '1000', '0.01', String(rRuns), path.join(dir, 'r')]);
    kdeMatch = kdeDeviation(kde.value.density, readDoubles(path.join(dir, 'r-kde.bin')));
    kdeEdgeMatch = kdeDeviation(kdeEdge.value.density, readDoubles(path.join(dir, 'r-kde-edge.bin')));
  }
  rows.push(
    { what: 'KDE Gaussian, edge = FALSE', ours: kde.seconds, r: rKde.get('density_edge_false')?.median ?? null, match: kdeMatch?.relative ?? null, tolerance: 1e-9, note: kdeMatch?.note ?? '' },
    { what: 'KDE Gaussian, edge = TRUE', ours: kdeEdge.seconds, r: rKde.get('density_edge_true')?.median ?? null, match: kdeEdgeMatch?.relative ?? null, tolerance: 1e-9, note: kdeEdgeMatch?.note ?? '' },
  );

  // 3. Knox test on all 8,485 Chicago burglaries (NearRepeat cannot be installed here)
  const events = chicagoEvents();
  const knoxOptions = { distanceBreaks: [0, 1, 101, 201, 301, 401, 501], timeBreaks: [0, 7, 14, 21, 28, 35], metric: 'manhattan' as const, seed: 20161231 };
  const knox99 = timeMedian(() => knoxTest(events, { ...knoxOptions, permutations: 99 }));
  const knox999 = timeMedian(() => knoxTest(events, { ...knoxOptions, permutations: 999 }));
  const brute = bruteForceKnoxObserved(events, knoxOptions.distanceBreaks, knoxOptions.timeBreaks);
  const observedExact = brute.every((v, c) => v === knox999.value.observed[c]);
  let worstSe = 0;
  knox999.value.exactExpected.forEach((e, c) => (worstSe = Math.max(worstSe, Math.abs(knox999.value.expected[c]! - e) / Math.sqrt(e / 999))));
  const knoxNote = `observed ${observedExact ? '=' : '≠'} brute-force pair loop; expected within ${worstSe.toFixed(1)} MC s.e. of N_s·M_t/C(n,2)`;
  rows.push(
    { what: `Knox, ${events.x.length} events, 99 permutations`, ours: knox99.seconds, r: RECORDED_NEARREPEAT.nrep99, recorded: true, match: null, tolerance: null, note: knoxNote },
    { what: `Knox, ${events.x.length} events, 999 permutations`, ours: knox999.seconds, r: RECORDED_NEARREPEAT.nrep999, recorded: true, match: null, tolerance: null, note: knoxNote, pass: observedExact && worstSe < 4 },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

writeReport(rows, { machine: describeMachine(null), rVersion, runs, rRuns, rGridRuns, load: [loadBefore, os.loadavg()[0]!] }, process.env.BENCH_WRITE_DOCS !== '0', log);
