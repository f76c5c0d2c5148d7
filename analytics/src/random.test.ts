import { describe, expect, it } from 'vitest';
import { createRandom, shuffleInPlace } from './random.ts';

describe('seeded random numbers', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws integers below a bound uniformly (chi-square within reason), also for large bounds', () => {
    const random = createRandom(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[random.below(10)]! += 1;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(30); // 9 degrees of freedom: P(> 30) ≈ 4e-4
    for (let i = 0; i < 1000; i++) {
      const v = random.below(3_000_000_000);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(3_000_000_000);
      expect(Number.isInteger(v)).toBe(true);
    }
  });

  it('shuffles into a permutation of the same values', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(values, createRandom(1));
    expect(Array.from(values).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(values)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
