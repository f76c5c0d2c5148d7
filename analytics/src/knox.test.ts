import { describe, expect, it } from 'vitest';
import { readSharedCsv } from '../test/shared-data.ts';
import { parseDay } from './dates.ts';
import { knoxTest } from './knox.ts';

const distanceBreaks = [0, 1, 101, 201, 301, 401, 501];
const timeBreaks = [0, 7, 14, 21, 28, 35];

/** Chicago burglaries of 2016-02-01..2016-03-31, the reference's 1,538 events. */
function chicagoFebMar() {
  const t = readSharedCsv('data/chicago-burglary-2016-jan-sep.csv');
  const from = parseDay('2016-02-01')!;
  const to = parseDay('2016-03-31')!;
  const rows = t.rows.filter((r) => {
    const d = parseDay(r[t.header.indexOf('date')]!)!;
    return d >= from && d <= to;
  });
  const col = (name: string) => t.header.indexOf(name);
  return {
    x: Float64Array.from(rows, (r) => Number(r[col('x_m')])),
    y: Float64Array.from(rows, (r) => Number(r[col('y_m')])),
    t: Float64Array.from(rows, (r) => parseDay(r[col('date')]!)!),
  };
}

describe('Knox test on the Chicago burglaries (R NearRepeat 0.1.1 reference)', () => {
  const reference = readSharedCsv('reference/chicago-burglary-2016-feb-mar-knox.csv');
  const events = chicagoFebMar();
  const result = knoxTest(events, { distanceBreaks, timeBreaks, metric: 'manhattan', permutations: 999, seed: 20161231 });

  it('selects the same events and labels the bands as NearRepeat does', () => {
    expect(result.events).toBe(1538);
    const labels = result.distanceLabels.flatMap((s) => result.timeLabels.map((t) => [s, t]));
    expect(labels).toEqual(reference.rows.map((r) => [r[0], r[1]]));
  });

  it('counts exactly the observed pairs of every band', () => {
    expect(Array.from(result.observed)).toEqual(Array.from(reference.numbers('observed')));
    expect(result.observed.reduce((s, v) => s + v, 0)).toBe(2059);
  });

  it('estimates expected counts within Monte Carlo error of R (99 runs) and of the exact expectation', () => {
    const refExpected = reference.numbers('expected');
    for (let c = 0; c < refExpected.length; c++) {
      const e = result.exactExpected[c]!;
      // README: two runs with R1 and R2 permutations differ by less than ~4·sqrt(E·(1/R1 + 1/R2))
      expect(Math.abs(result.expected[c]! - refExpected[c]!)).toBeLessThan(4 * Math.sqrt(e * (1 / 999 + 1 / 99)));
      expect(Math.abs(result.expected[c]! - e)).toBeLessThan(4 * Math.sqrt(e / 999));
      expect(result.knoxRatio[c]).toBeCloseTo(result.observed[c]! / result.expected[c]!, 12);
    }
  });

  it('agrees with R on which cells are significant at 5 %, except near the threshold', () => {
    const refP = reference.numbers('p_value');
    for (let c = 0; c < refP.length; c++) {
      const ours = result.pValue[c]!;
      const theirs = refP[c]!;
      // resolution 0.01 in R; a p-value's own MC standard error is sqrt(p(1−p)/R)
      const slack = 4 * Math.sqrt((theirs * (1 - theirs)) / 99) + 0.02;
      expect(Math.abs(ours - theirs)).toBeLessThan(slack);
      if (theirs <= 0.01) expect(ours).toBeLessThan(0.05);
      if (theirs > 0.2) expect(ours).toBeGreaterThan(0.05);
    }
  });

  it('is reproducible with the same seed and changes with another', () => {
    const again = knoxTest(events, { distanceBreaks, timeBreaks, permutations: 49, seed: 5 });
    const same = knoxTest(events, { distanceBreaks, timeBreaks, permutations: 49, seed: 5 });
    const other = knoxTest(events, { distanceBreaks, timeBreaks, permutations: 49, seed: 6 });
    expect(Array.from(again.expected)).toEqual(Array.from(same.expected));
    expect(Array.from(again.expected)).not.toEqual(Array.from(other.expected));
  });
});

describe('Knox band conventions and bad input', () => {
  // three events on a line, 7 days and 100 m apart
  const events = { x: [0, 100, 200], y: [0, 0, 0], t: [0, 7, 14] };

  it('puts a pair exactly on a break into the upper band with [a, b) bands and the lower with (a, b]', () => {
    const left = knoxTest(events, { distanceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], permutations: 0 });
    // pairs: (0,1) 100 m 7 d, (1,2) 100 m 7 d, (0,2) 200 m 14 d → two in [100,200) × [7,14), none else
    expect(Array.from(left.observed)).toEqual([0, 0, 0, 2]);
    const right = knoxTest(events, { distanceBreaks: [0, 100, 200], timeBreaks: [0, 7, 14], permutations: 0, closed: 'right' });
    expect(Array.from(right.observed)).toEqual([2, 0, 0, 1]);
    expect(right.distanceLabels).toEqual(['(0,100]', '(100,200]']);
  });

  it('measures Euclidean distance when asked', () => {
    const diagonal = { x: [0, 60], y: [0, 60], t: [0, 1] };
    const manhattan = knoxTest(diagonal, { distanceBreaks: [0, 100, 200], timeBreaks: [0, 7], permutations: 0 });
    const euclidean = knoxTest(diagonal, { distanceBreaks: [0, 100, 200], timeBreaks: [0, 7], permutations: 0, metric: 'euclidean' });
    expect(Array.from(manhattan.observed)).toEqual([0, 1]);
    expect(Array.from(euclidean.observed)).toEqual([1, 0]);
  });

  it('rejects too few events, unsorted bands and missing times with typed errors', () => {
    expect(() => knoxTest({ x: [1], y: [1], t: [1] }, { distanceBreaks: [0, 1], timeBreaks: [0, 1] })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => knoxTest(events, { distanceBreaks: [0, 200, 100], timeBreaks: [0, 1] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => knoxTest({ ...events, t: [0, Number.NaN, 1] }, { distanceBreaks: [0, 1], timeBreaks: [0, 1] })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('reports progress through the permutations, and refuses pair work beyond a bound before permuting', () => {
    const seen: number[] = [];
    knoxTest(events, { distanceBreaks: [0, 300], timeBreaks: [0, 30], permutations: 200, onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen.length).toBe(100);
    expect(seen.every((f, k) => f >= 0 && f < 1 && (k === 0 || f > seen[k - 1]!))).toBe(true);
    // 3 pairs within 300 m × 200 permutations = 600
    expect(() => knoxTest(events, { distanceBreaks: [0, 300], timeBreaks: [0, 30], permutations: 200, maxPairPermutations: 599 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(knoxTest(events, { distanceBreaks: [0, 300], timeBreaks: [0, 30], permutations: 200, maxPairPermutations: 600 }).closePairs).toBe(3);
  });
});
