import { AnalyticsError, invalid, requireNonNegativeInteger, requireSameLength } from './errors.ts';
import { validateBreaks } from './grid.ts';
import { createRandom, shuffleInPlace } from './random.ts';

export type DistanceMetric = 'manhattan' | 'euclidean';

export interface KnoxOptions {
  /** Distance band breaks, increasing: bands [b0, b1), [b1, b2), …; pairs beyond the last are not counted. */
  distanceBreaks: readonly number[];
  /** Time band breaks in the unit of the times (days for dates). */
  timeBreaks: readonly number[];
  metric?: DistanceMetric;
  permutations?: number;
  seed?: number;
  /**
   * Which end of each band is closed: 'left' gives [a, b) (NearRepeat's default, right = FALSE),
   * 'right' gives (a, b]. A first band starting at 0 includes 0 in both conventions
   * ("same place", "same day"), as cut(include.lowest = TRUE) would.
   */
  closed?: 'left' | 'right';
  /** Called now and then during the permutations with the fraction done (0–1). */
  onProgress?: (fraction: number) => void;
  /**
   * Refuse (TOO_LARGE) when close pairs × permutations would exceed this, checked after the
   * pair search and before the permutations, which take almost all of the time.
   */
  maxPairPermutations?: number;
}

export interface KnoxResult {
  readonly distanceBreaks: readonly number[];
  readonly timeBreaks: readonly number[];
  /** Band labels as R's cut() writes them, e.g. "[0,1)". */
  readonly distanceLabels: string[];
  readonly timeLabels: string[];
  /** Cell s·nt + t for distance band s and time band t. */
  readonly observed: Float64Array;
  /** Mean of the simulated counts (NaN without permutations). */
  readonly expected: Float64Array;
  /** Exact expectation under random permutation of times: N_s·M_t / C(n, 2). */
  readonly exactExpected: Float64Array;
  /** observed / expected. */
  readonly knoxRatio: Float64Array;
  /** (#{simulated ≥ observed} + 1) / (R + 1), one-sided. */
  readonly pValue: Float64Array;
  readonly permutations: number;
  readonly events: number;
  /** Pairs closer than the last distance break (the only ones the permutations revisit). */
  readonly closePairs: number;
}

const MAX_EVENTS = 2_000_000;
const MAX_CLOSE_PAIRS = 150_000_000;

/**
 * Knox test for space–time interaction (Knox 1964, "The detection of space-time interactions",
 * JRSS C 13(1)) in the near-repeat form of Ratcliffe's Near Repeat Calculator and the R package
 * NearRepeat (Steenbeek): every unordered pair of events is classified by spatial distance band
 * and temporal distance band; the null distribution comes from Monte Carlo permutations of the
 * event times over the fixed locations (Johnson et al. 2007, J. Quant. Criminol. 23).
 *
 * Speed: locations never move, so the pairs within the largest distance are found once (sweep
 * over x-sorted events) and each permutation only recounts their time bands.
 */
export function knoxTest(events: { x: ArrayLike<number>; y: ArrayLike<number>; t: ArrayLike<number> }, options: KnoxOptions): KnoxResult {
  const n = requireSameLength({ x: events.x, y: events.y, t: events.t });
  if (n < 2) throw new AnalyticsError('EMPTY_INPUT', 'the Knox test needs at least two events', { events: n });
  if (n > MAX_EVENTS) throw new AnalyticsError('TOO_LARGE', `more than ${MAX_EVENTS} events`, { events: n });
  const { distanceBreaks, timeBreaks } = options;
  validateBreaks('distanceBreaks', distanceBreaks);
  validateBreaks('timeBreaks', timeBreaks);
  if (distanceBreaks[0]! < 0 || timeBreaks[0]! < 0) throw invalid('band breaks must not be negative', { distanceBreaks, timeBreaks });
  const permutations = options.permutations ?? 999;
  requireNonNegativeInteger('permutations', permutations);
  const metric = options.metric ?? 'manhattan';
  if (metric !== 'manhattan' && metric !== 'euclidean') throw invalid(`unknown metric ${String(metric)}`, { metric });
  const closed = options.closed ?? 'left';
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(events.x[i]!) || !Number.isFinite(events.y[i]!) || !Number.isFinite(events.t[i]!)) {
      throw new AnalyticsError('BAD_INPUT', `event ${i} has a missing coordinate or time`, { event: i });
    }
  }
  const ns = distanceBreaks.length - 1;
  const nt = timeBreaks.length - 1;
  const bandOf = (breaks: readonly number[], v: number) => band(breaks, v, closed);

  const pairs = closePairs(events.x, events.y, distanceBreaks, metric, bandOf);
  const work = pairs.count * permutations;
  if (options.maxPairPermutations !== undefined && work > options.maxPairPermutations) {
    throw new AnalyticsError('TOO_LARGE', `${pairs.count} pairs × ${permutations} permutations is more than ${options.maxPairPermutations}: use a smaller largest distance or fewer permutations`, { pairs: pairs.count, permutations, work, limit: options.maxPairPermutations });
  }
  const times = Float64Array.from(events.t as ArrayLike<number>);
  const timeBand = timeBandLookup(times, timeBreaks, bandOf);

  const cells = ns * nt;
  const observed = new Float64Array(cells);
  countPairs(pairs, times, timeBand, nt, observed);

  const sum = new Float64Array(cells);
  const atLeast = new Float64Array(cells);
  const simulated = new Float64Array(cells);
  const random = createRandom(options.seed ?? 0);
  const shuffled = times.slice();
  const every = Math.max(1, Math.ceil(permutations / 100));
  for (let r = 0; r < permutations; r++) {
    if (options.onProgress && r % every === 0) options.onProgress(r / permutations);
    shuffleInPlace(shuffled, random);
    simulated.fill(0);
    countPairs(pairs, shuffled, timeBand, nt, simulated);
    for (let c = 0; c < cells; c++) {
      sum[c] = sum[c]! + simulated[c]!;
      if (simulated[c]! >= observed[c]!) atLeast[c] = atLeast[c]! + 1;
    }
  }
  const expected = Float64Array.from(sum, (s) => (permutations > 0 ? s / permutations : Number.NaN));
  const knoxRatio = Float64Array.from(observed, (o, c) => o / expected[c]!);
  const pValue = Float64Array.from(atLeast, (a) => (permutations > 0 ? (a + 1) / (permutations + 1) : Number.NaN));

  // Exact null expectation: the permutation keeps every pair's distance band and draws its
  // pair of times uniformly from all C(n, 2) pairs of times.
  const perDistance = new Float64Array(ns);
  for (let p = 0; p < pairs.count; p++) perDistance[pairs.band[p]!]! += 1;
  const perTime = pairsPerTimeBand(times, timeBreaks, closed);
  const allPairs = (n * (n - 1)) / 2;
  const exactExpected = new Float64Array(cells);
  for (let s = 0; s < ns; s++) for (let t = 0; t < nt; t++) exactExpected[s * nt + t] = (perDistance[s]! * perTime[t]!) / allPairs;

  return {
    distanceBreaks,
    timeBreaks,
    distanceLabels: labels(distanceBreaks, closed),
    timeLabels: labels(timeBreaks, closed),
    observed,
    expected,
    exactExpected,
    knoxRatio,
    pValue,
    permutations,
    events: n,
    closePairs: pairs.count,
  };
}

/** Band index of v, or −1 outside all bands. */
function band(breaks: readonly number[], v: number, closed: 'left' | 'right'): number {
  const last = breaks.length - 1;
  if (closed === 'left') {
    if (v < breaks[0]! || v >= breaks[last]!) return -1;
    let k = 0;
    while (v >= breaks[k + 1]!) k++;
    return k;
  }
  if (v === breaks[0]) return 0;
  if (v <= breaks[0]! || v > breaks[last]!) return -1;
  let k = 0;
  while (v > breaks[k + 1]!) k++;
  return k;
}

function labels(breaks: readonly number[], closed: 'left' | 'right'): string[] {
  return breaks.slice(0, -1).map((b, k) => (closed === 'left' ? `[${b},${breaks[k + 1]})` : `(${b},${breaks[k + 1]}]`));
}

interface Pairs {
  count: number;
  first: Int32Array;
  second: Int32Array;
  band: Uint8Array;
}

function closePairs(x: ArrayLike<number>, y: ArrayLike<number>, breaks: readonly number[], metric: DistanceMetric, bandOf: (b: readonly number[], v: number) => number): Pairs {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const reach = breaks[breaks.length - 1]!;
  let capacity = 1024;
  let first = new Int32Array(capacity);
  let second = new Int32Array(capacity);
  let bands = new Uint8Array(capacity);
  let count = 0;
  for (let a = 0; a < n; a++) {
    const i = order[a]!;
    const xi = x[i]!;
    const yi = y[i]!;
    for (let b = a + 1; b < n; b++) {
      const j = order[b]!;
      const dx = x[j]! - xi;
      if (dx > reach) break;
      const dy = Math.abs(y[j]! - yi);
      if (dy > reach) continue;
      const d = metric === 'manhattan' ? dx + dy : Math.sqrt(dx * dx + dy * dy);
      const s = bandOf(breaks, d);
      if (s < 0) continue;
      if (count === capacity) {
        if (capacity >= MAX_CLOSE_PAIRS) throw new AnalyticsError('TOO_LARGE', 'the distance bands hold too many pairs of events: use a smaller largest distance', { limit: MAX_CLOSE_PAIRS });
        capacity = Math.min(capacity * 2, MAX_CLOSE_PAIRS);
        first = grow(first, capacity);
        second = grow(second, capacity);
        const nb = new Uint8Array(capacity);
        nb.set(bands);
        bands = nb;
      }
      first[count] = i;
      second[count] = j;
      bands[count] = s;
      count++;
    }
  }
  return { count, first, second, band: bands };
}

function grow(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity);
  next.set(a);
  return next;
}

/**
 * Time band of a time difference. With whole-number times (days) and a moderate largest break,
 * a table indexed by the difference replaces the search; index nt means "no band".
 */
interface TimeBand {
  table: Uint8Array | null;
  of(difference: number): number;
}

function timeBandLookup(times: Float64Array, breaks: readonly number[], bandOf: (b: readonly number[], v: number) => number): TimeBand {
  const nt = breaks.length - 1;
  const of = (d: number) => {
    const t = bandOf(breaks, d);
    return t < 0 ? nt : t;
  };
  const whole = times.every(Number.isInteger) && breaks.every(Number.isInteger);
  const top = breaks[nt]!;
  if (!whole || top > 1_000_000) return { table: null, of };
  const table = new Uint8Array(top + 1);
  for (let d = 0; d <= top; d++) table[d] = of(d);
  return { table, of };
}

function countPairs(pairs: Pairs, times: Float64Array, timeBand: TimeBand, nt: number, out: Float64Array): void {
  const { first, second, band, count } = pairs;
  const stride = nt + 1;
  const scratch = new Float64Array((out.length / nt) * stride);
  const table = timeBand.table;
  if (table) {
    const top = table.length - 1;
    for (let p = 0; p < count; p++) {
      let d = times[first[p]!]! - times[second[p]!]!;
      if (d < 0) d = -d;
      scratch[band[p]! * stride + (d > top ? nt : table[d]!)]! += 1;
    }
  } else {
    for (let p = 0; p < count; p++) scratch[band[p]! * stride + timeBand.of(Math.abs(times[first[p]!]! - times[second[p]!]!))]! += 1;
  }
  for (let s = 0; s < out.length / nt; s++) for (let t = 0; t < nt; t++) out[s * nt + t] = out[s * nt + t]! + scratch[s * stride + t]!;
}

/** Pairs of events (any distance) per time band, by counting pairs below each break in sorted times. */
function pairsPerTimeBand(times: Float64Array, breaks: readonly number[], closed: 'left' | 'right'): Float64Array {
  const sorted = times.slice().sort();
  const n = sorted.length;
  // pairs with difference < limit (strict) or ≤ limit
  const within = (limit: number, strict: boolean) => {
    let total = 0;
    let j = 0;
    for (let i = 0; i < n; i++) {
      while (j < i && (strict ? sorted[i]! - sorted[j]! >= limit : sorted[i]! - sorted[j]! > limit)) j++;
      total += i - j;
    }
    return total;
  };
  const result = new Float64Array(breaks.length - 1);
  for (let k = 0; k + 1 < breaks.length; k++) {
    const a = breaks[k]!;
    const b = breaks[k + 1]!;
    result[k] =
      closed === 'left'
        ? within(b, true) - within(a, true)
        : within(b, false) - (k === 0 ? within(a, true) : within(a, false));
  }
  return result;
}
