// The Chicago burglary data for the Knox benchmark, an independent pair loop to check the
// observed counts, and the NearRepeat timings recorded in shared/reference/README.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../analytics/src/csv.ts';
import { parseDay } from '../../analytics/src/dates.ts';

const SHARED = process.env.ALIANZA_SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url));

/** Median seconds of R NearRepeat 0.1.1 on all 8,485 events (nrep = 999: one run only). */
export const RECORDED_NEARREPEAT = { nrep99: 338.1, nrep999: 2982.7 };

export function chicagoEvents(): { x: Float64Array; y: Float64Array; t: Float64Array } {
  const [header = [], ...rows] = parseCsv(readFileSync(`${SHARED}data/chicago-burglary-2016-jan-sep.csv`, 'utf8'));
  const col = (name: string) => header.indexOf(name);
  return {
    x: Float64Array.from(rows, (r) => Number(r[col('x_m')])),
    y: Float64Array.from(rows, (r) => Number(r[col('y_m')])),
    t: Float64Array.from(rows, (r) => parseDay(r[col('date')]!)!),
  };
}

/** Observed Knox counts by looping over all n(n−1)/2 pairs, Manhattan distance, [a, b) bands. */
export function bruteForceKnoxObserved(events: { x: Float64Array; y: Float64Array; t: Float64Array }, distanceBreaks: number[], timeBreaks: number[]): Float64Array {
  const nt = timeBreaks.length - 1;
  const out = new Float64Array((distanceBreaks.length - 1) * nt);
  const find = (breaks: number[], v: number) => {
    for (let k = 0; k + 1 < breaks.length; k++) if (v >= breaks[k]! && v < breaks[k + 1]!) return k;
    return -1;
  };
  const n = events.x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = find(distanceBreaks, Math.abs(events.x[i]! - events.x[j]!) + Math.abs(events.y[i]! - events.y[j]!));
      if (s < 0) continue;
      const t = find(timeBreaks, Math.abs(events.t[i]! - events.t[j]!));
      if (t >= 0) out[s * nt + t]! += 1;
    }
  }
  return out;
}
