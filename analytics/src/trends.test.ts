import { describe, expect, it } from 'vitest';
import { readSharedCsv } from '../test/shared-data.ts';
import { parseDay } from './dates.ts';
import { binomialTestTwoSided } from './distributions.ts';
import { ALL, seasonalProfile, trendTable } from './trends.ts';

function london() {
  const t = readSharedCsv('data/london-city-street-2018-04-to-2020-11.csv');
  return {
    days: Float64Array.from(t.column('Month'), (m) => parseDay(m)!),
    categories: t.column('Crime type'),
    areas: t.column('LSOA code').map((c) => c || 'No Location'),
  };
}

/** Exact two-sided binomial p-value with rational arithmetic (BigInt), for p = 1/2. */
function exactHalf(x: number, n: number): number {
  const choose: bigint[] = [1n];
  for (let k = 1; k <= n; k++) choose.push((choose[k - 1]! * BigInt(n - k + 1)) / BigInt(k));
  const observed = choose[x]!;
  const tail = choose.filter((c) => c <= observed).reduce((s, c) => s + c, 0n);
  return Math.min(1, Number((tail * 1_000_000_000_000n) / 2n ** BigInt(n)) / 1e12);
}

describe('exact binomial test', () => {
  it('equals an exact rational computation for equal rates', () => {
    for (const [x, n] of [[7, 20], [0, 5], [13, 30], [50, 100], [3, 61]] as const) {
      expect(binomialTestTwoSided(x, n, 0.5)).toBeCloseTo(exactHalf(x, n), 10);
    }
  });

  it('is symmetric for p = 1/2 and 1 at the centre', () => {
    expect(binomialTestTwoSided(3, 17, 0.5)).toBeCloseTo(binomialTestTwoSided(14, 17, 0.5), 14);
    expect(binomialTestTwoSided(10, 20, 0.5)).toBe(1);
  });
});

describe('trends on the City of London street crime (32 months)', () => {
  const data = london();

  it('counts every month of the data, per category and area, and adds up to every record', () => {
    const rows = trendTable(data, { period: 'month' });
    const months = [...new Set(rows.map((r) => r.period))];
    expect(months).toHaveLength(32);
    expect(months[0]).toBe('2018-04');
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(data.days.length);
  });

  it('finds the collapse of April 2020 against April 2019 highly significant, and a steady month not', () => {
    const total = trendTable({ days: data.days }, { period: 'month' });
    const april = total.find((r) => r.period === '2020-04')!;
    expect(april.category).toBe(ALL);
    expect(april.count).toBeLessThan(april.lastYear! / 2);
    expect(april.pLastYear!).toBeLessThan(1e-50);
    const counts = new Map(total.map((r) => [r.period, r.count]));
    expect(april.lastYear).toBe(counts.get('2019-04'));
    expect(april.previous).toBe(counts.get('2020-03'));
    // 2019-11 vs 2019-10: 933 vs 929 events, 30 vs 31 days: no evidence of change
    expect(total.find((r) => r.period === '2019-11')!.pPrevious!).toBeGreaterThan(0.3);
  });

  it('compares months per day unless told to compare raw counts', () => {
    const one = { days: [parseDay('2019-02-10')!, ...Array(30).fill(parseDay('2019-02-11')!), ...Array(31).fill(parseDay('2019-03-05')!)] };
    const observed = { first: parseDay('2019-02-01')!, last: parseDay('2019-03-31')! };
    const perDay = trendTable(one, { period: 'month', observed }).find((r) => r.period === '2019-03')!;
    const raw = trendTable(one, { period: 'month', exposure: 'equal', observed }).find((r) => r.period === '2019-03')!;
    expect([perDay.days, raw.days]).toEqual([31, 31]);
    expect(perDay.pPrevious!).not.toBeCloseTo(raw.pPrevious!, 6);
    expect(raw.pPrevious).toBe(1); // 31 vs 31
  });

  it('tests a period the observed days cut short on its covered days only', () => {
    // Ten events a day, 1–31 August 2016 (a Monday to a Wednesday): the last week has 3 days.
    const days: number[] = [];
    for (let d = parseDay('2016-08-01')!; d <= parseDay('2016-08-31')!; d++) for (let i = 0; i < 10; i++) days.push(d);
    const august = { first: parseDay('2016-08-01')!, last: parseDay('2016-08-31')! };
    const last = trendTable({ days }, { period: 'week', observed: august }).at(-1)!;
    expect(last).toMatchObject({ period: '2016-08-29', count: 30, days: 3, previous: 70 });
    expect(last.pPrevious!).toBeGreaterThan(0.5); // the same rate per day: no change
    // Counted as if whole (no observed days given), 30 against 70 is a significant drop.
    const asWhole = trendTable({ days }, { period: 'week' }).at(-1)!;
    expect(asWhole.days).toBe(7);
    expect(asWhole.pPrevious!).toBeLessThan(0.001);
    // A window wider than the events adds the empty periods it covers.
    const wider = trendTable({ days }, { period: 'month', observed: { first: parseDay('2016-07-01')!, last: parseDay('2016-08-31')! } });
    expect(wider.map((r) => [r.period, r.count, r.days])).toEqual([['2016-07', 0, 31], ['2016-08', 310, 31]]);
  });

  it('groups weeks from Monday and compares them with 52 weeks earlier', () => {
    const days = [parseDay('2024-01-01')!, parseDay('2024-01-07')!, parseDay('2024-01-08')!, parseDay('2024-12-30')!];
    const rows = trendTable({ days }, { period: 'week' });
    expect(rows[0]).toMatchObject({ period: '2024-01-01', count: 2, previous: null });
    expect(rows[1]).toMatchObject({ period: '2024-01-08', count: 1, previous: 2 });
    expect(rows.at(-1)).toMatchObject({ period: '2024-12-30', count: 1, lastYear: 2 });
  });

  it('gives a seasonal profile whose indexes average to one', () => {
    const profile = seasonalProfile({ days: data.days });
    expect(profile).toHaveLength(12);
    const april = profile.find((r) => r.month === 4)!;
    expect(april.years).toBe(3);
    const weighted = profile.reduce((s, r) => s + r.index * r.years, 0) / profile.reduce((s, r) => s + r.years, 0);
    expect(weighted).toBeCloseTo(1, 12);
  });

  it('rejects an empty selection', () => {
    expect(() => trendTable({ days: [] }, { period: 'month' })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
