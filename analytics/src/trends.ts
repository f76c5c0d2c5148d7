import { AnalyticsError, invalid, requireSameLength } from './errors.ts';
import { binomialTestTwoSided, logFactorials } from './distributions.ts';
import { daysInMonth, formatDay, isoWeekStart, yearMonth } from './dates.ts';

export type Period = 'month' | 'week';

export interface TrendOptions {
  period: Period;
  /**
   * How to weigh periods of different length in the tests: 'days' compares rates per day (a
   * 28-day February against a 31-day March), 'equal' compares raw counts. Weeks are always equal.
   */
  exposure?: 'days' | 'equal';
  /**
   * The days the data covers (inclusive day numbers), e.g. the selection's time window. A period
   * only partly inside is then tested on its covered days, so the last three days of a month
   * are not read as a collapse against a full week. Without it every period counts whole
   * (dates may be month-resolution, e.g. all on the 1st).
   */
  observed?: { first: number; last: number };
}

export interface TrendRow {
  /** `YYYY-MM` for months, the Monday `YYYY-MM-DD` for ISO weeks. */
  period: string;
  category: string;
  area: string;
  count: number;
  /** Days of the period inside the observed days (less than its length at the edges). */
  days: number;
  previous: number | null;
  /** Two-sided exact test of equal rates against the previous period; null without one. */
  pPrevious: number | null;
  /** Same period a year earlier (12 months or 52 weeks before). */
  lastYear: number | null;
  pLastYear: number | null;
}

export interface SeasonalRow {
  category: string;
  area: string;
  /** 1–12. */
  month: number;
  years: number;
  mean: number;
  /** mean of this month / mean of all months (1 = an average month). */
  index: number;
}

export const ALL = '(all)';

interface Series {
  category: string;
  area: string;
  counts: Float64Array;
}

/** Consecutive periods from the first to the last event: the key of each and its length in days. */
function periodsBetween(first: number, last: number, period: Period): { start: Int32Array; length: Int32Array } {
  const starts: number[] = [];
  const lengths: number[] = [];
  if (period === 'week') {
    for (let d = isoWeekStart(first); d <= last; d += 7) {
      starts.push(d);
      lengths.push(7);
    }
  } else {
    let { year, month } = yearMonth(first);
    for (;;) {
      const start = Date.UTC(year, month - 1, 1) / 86_400_000;
      if (start > last) break;
      starts.push(start);
      lengths.push(daysInMonth(year, month));
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  return { start: Int32Array.from(starts), length: Int32Array.from(lengths) };
}

function periodLabel(start: number, period: Period): string {
  return period === 'month' ? formatDay(start).slice(0, 7) : formatDay(start);
}

function indexOfPeriod(starts: Int32Array, day: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function buildSeries(days: ArrayLike<number>, categories: readonly string[] | undefined, areas: readonly string[] | undefined, starts: Int32Array): Series[] {
  const byKey = new Map<string, Series>();
  for (let i = 0; i < days.length; i++) {
    const category = categories?.[i] ?? ALL;
    const area = areas?.[i] ?? ALL;
    const key = `${category}\u0000${area}`;
    let series = byKey.get(key);
    if (!series) {
      series = { category, area, counts: new Float64Array(starts.length) };
      byKey.set(key, series);
    }
    series.counts[indexOfPeriod(starts, days[i]!)]! += 1;
  }
  // code-unit order, not localeCompare: the same on every machine whatever its locale
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()].sort((a, b) => order(a.category, b.category) || order(a.area, b.area));
}

/**
 * Counts per period for each category × area (every period from the first to the last event,
 * zeros included), with the change against the previous period and the same period a year
 * earlier tested by the exact conditional test for two Poisson counts (Przyborowski &
 * Wilenski 1940; Lehmann & Romano, Testing Statistical Hypotheses, §4.5): given a + b events,
 * a is Binomial(a + b, t_a/(t_a + t_b)) when both periods share one rate, t being exposures.
 */
export function trendTable(input: { days: ArrayLike<number>; categories?: readonly string[]; areas?: readonly string[] }, options: TrendOptions): TrendRow[] {
  const n = input.days.length;
  if (input.categories) requireSameLength({ days: input.days, categories: input.categories });
  if (input.areas) requireSameLength({ days: input.days, areas: input.areas });
  if (n === 0) throw new AnalyticsError('EMPTY_INPUT', 'there are no events');
  if (options.period !== 'month' && options.period !== 'week') throw invalid(`unknown period ${String(options.period)}`, { period: options.period });
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = input.days[i]!;
    if (!Number.isFinite(d)) throw new AnalyticsError('BAD_INPUT', `event ${i} has no date`, { event: i });
    first = Math.min(first, d);
    last = Math.max(last, d);
  }
  const covered = options.observed ? { first: Math.min(first, options.observed.first), last: Math.max(last, options.observed.last) } : { first, last };
  const { start, length } = periodsBetween(covered.first, covered.last, options.period);
  // Days of each period inside the observed days: the exposure of the exact tests.
  const days = options.observed ? Int32Array.from(start, (d, k) => Math.min(d + length[k]! - 1, covered.last) - Math.max(d, covered.first) + 1) : length;
  const series = buildSeries(input.days, input.categories, input.areas, start);
  const byDays = options.exposure !== 'equal' && options.period === 'month';
  const lag = options.period === 'month' ? 12 : 52;
  let largest = 0;
  for (const s of series) for (const c of s.counts) largest = Math.max(largest, c);
  const logFact = logFactorials(2 * largest);
  // Exposure: covered days (rates per day), or the covered fraction of the period (equal weights for whole periods).
  const exposure = (k: number) => (byDays ? days[k]! : days[k]! / length[k]!);
  const test = (a: number, b: number, ka: number, kb: number) => binomialTestTwoSided(a, a + b, exposure(ka) / (exposure(ka) + exposure(kb)), logFact);
  const rows: TrendRow[] = [];
  for (const s of series) {
    for (let k = 0; k < start.length; k++) {
      const count = s.counts[k]!;
      const previous = k > 0 ? s.counts[k - 1]! : null;
      const lastYear = k >= lag ? s.counts[k - lag]! : null;
      rows.push({
        period: periodLabel(start[k]!, options.period),
        category: s.category,
        area: s.area,
        count,
        days: days[k]!,
        previous,
        pPrevious: previous === null ? null : test(count, previous, k, k - 1),
        lastYear,
        pLastYear: lastYear === null ? null : test(count, lastYear, k, k - lag),
      });
    }
  }
  return rows;
}

/**
 * Seasonal view: for each category × area and month of the year, the mean monthly count over
 * the years in which that month was observed (the first and last months of the data included as
 * they are), and its ratio to the mean of all observed months.
 */
export function seasonalProfile(input: { days: ArrayLike<number>; categories?: readonly string[]; areas?: readonly string[] }): SeasonalRow[] {
  const table = trendTable(input, { period: 'month', exposure: 'equal' });
  const groups = new Map<string, { category: string; area: string; sum: Float64Array; years: Float64Array }>();
  for (const row of table) {
    const key = `${row.category}\u0000${row.area}`;
    let g = groups.get(key);
    if (!g) {
      g = { category: row.category, area: row.area, sum: new Float64Array(12), years: new Float64Array(12) };
      groups.set(key, g);
    }
    const month = Number(row.period.slice(5, 7)) - 1;
    g.sum[month]! += row.count;
    g.years[month]! += 1;
  }
  const rows: SeasonalRow[] = [];
  for (const g of groups.values()) {
    let total = 0;
    let months = 0;
    for (let m = 0; m < 12; m++) {
      total += g.sum[m]!;
      months += g.years[m]!;
    }
    const overall = total / months;
    for (let m = 0; m < 12; m++) {
      if (g.years[m] === 0) continue;
      const mean = g.sum[m]! / g.years[m]!;
      rows.push({ category: g.category, area: g.area, month: m + 1, years: g.years[m]!, mean, index: overall > 0 ? mean / overall : Number.NaN });
    }
  }
  return rows;
}
