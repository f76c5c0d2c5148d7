import { describe, expect, it } from 'vitest';
import { maxOf, portlandPoints, readSharedCsv } from '../test/shared-data.ts';
import { kernelDensity } from './kde.ts';
import type { GridSpec } from './grid.ts';
import { AnalyticsError } from './errors.ts';

// The reference window: the 500-ft grid's rectangle, 250-ft pixels (README section 2)
const raster: GridSpec = { originX: 7_607_500, originY: 632_000, cellSize: 250, ncol: 456, nrow: 402 };

/** Largest deviation against the README tolerance: relative where the value exceeds 1e-6·max, absolute (in units of max) elsewhere. */
function deviation(ours: Float64Array, reference: Float64Array) {
  const max = maxOf(reference);
  let relative = 0;
  let absolute = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    if (r > 1e-6 * max) relative = Math.max(relative, Math.abs(ours[i]! - r) / r);
    else absolute = Math.max(absolute, Math.abs(ours[i]! - r) / max);
  }
  return { relative, absolute };
}

describe('Gaussian kernel density against R spatstat density.ppp (sigma 1000 ft, eps 250 ft)', () => {
  for (const edge of [false, true]) {
    it(`matches ${edge ? 'with' : 'without'} edge correction to 1e-9 relative above 1e-6·max and 1e-12·max elsewhere`, () => {
      const file = `reference/portland-2016-08-kde-sigma1000ft-eps250ft${edge ? '-edge' : ''}.csv`;
      const reference = readSharedCsv(file);
      expect(reference.numbers('x_center')[1]).toBe(raster.originX + 1.5 * raster.cellSize);
      const { x, y } = portlandPoints();
      const result = kernelDensity({ x, y }, raster, { kernel: 'gaussian', bandwidth: 1000, edgeCorrection: edge });
      expect(result.dropped).toBe(0);
      const d = deviation(result.density, reference.numbers('density'));
      expect(d.relative).toBeLessThan(1e-9);
      expect(d.absolute).toBeLessThan(1e-12);
    });
  }

  it('integrates to the number of points when the kernel mass stays inside (edge-corrected or far from the edges)', () => {
    const small: GridSpec = { originX: 0, originY: 0, cellSize: 10, ncol: 100, nrow: 100 };
    const x = Float64Array.from([500, 480, 520]);
    const y = Float64Array.from([500, 530, 470]);
    const { density } = kernelDensity({ x, y }, small, { bandwidth: 50 });
    const total = density.reduce((s, v) => s + v, 0) * 100;
    expect(total).toBeCloseTo(3, 9);
  });
});

describe('quartic kernel density', () => {
  const small: GridSpec = { originX: 0, originY: 0, cellSize: 10, ncol: 60, nrow: 40 };

  it('is zero beyond the bandwidth radius and peaks at the point', () => {
    const { density } = kernelDensity({ x: [305], y: [205] }, small, { kernel: 'quartic', bandwidth: 100 });
    const at = (col: number, row: number) => density[row * small.ncol + col]!;
    expect(at(30, 20)).toBe(maxOf(density));
    expect(at(40, 20)).toBe(0); // exactly h away
    expect(at(39, 20)).toBeGreaterThan(0);
    expect(density.reduce((s, v) => s + v, 0) * 100).toBeCloseTo(1, 12);
  });

  it('restores the lost mass near the edge with edge correction', () => {
    const plain = kernelDensity({ x: [5], y: [5] }, small, { kernel: 'quartic', bandwidth: 60 });
    const corrected = kernelDensity({ x: [5], y: [5] }, small, { kernel: 'quartic', bandwidth: 60, edgeCorrection: true });
    expect(plain.density.reduce((s, v) => s + v, 0) * 100).toBeLessThan(0.5);
    expect(corrected.density[0]!).toBeGreaterThan(plain.density[0]! * 2);
  });
});

describe('kernel density refuses bad requests before working', () => {
  it('rejects a raster that would not fit in memory', () => {
    const huge: GridSpec = { originX: 0, originY: 0, cellSize: 0.01, ncol: 1_000_000, nrow: 1_000_000 };
    expect(() => kernelDensity({ x: [1], y: [1] }, huge, { bandwidth: 1 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('rejects a non-positive bandwidth, an empty input and points all outside', () => {
    const small: GridSpec = { originX: 0, originY: 0, cellSize: 10, ncol: 10, nrow: 10 };
    expect(() => kernelDensity({ x: [1], y: [1] }, small, { bandwidth: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => kernelDensity({ x: [], y: [] }, small, { bandwidth: 5 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => kernelDensity({ x: [-5], y: [1] }, small, { bandwidth: 5 })).toThrow(AnalyticsError);
  });
});
