import { describe, expect, it } from 'vitest';
import { contours } from './contours.ts';
import type { GridSpec } from './grid.ts';

const raster: GridSpec = { originX: 0, originY: 0, cellSize: 1, ncol: 21, nrow: 21 };
// A cone centred on pixel (10, 10): value = 10 − distance, so level L is a circle of radius 10 − L
const cone = Float64Array.from({ length: 21 * 21 }, (_, i) => 10 - Math.hypot((i % 21) - 10, Math.floor(i / 21) - 10));

describe('contours by marching squares', () => {
  it('traces a closed ring around a peak at the right distance', () => {
    const [c] = contours(cone, raster, [6]);
    expect(c!.lines).toHaveLength(1);
    const ring = c!.lines[0]!;
    expect(ring.closed).toBe(true);
    expect(ring.coordinates[0]).toEqual(ring.coordinates.at(-1));
    for (const [x, y] of ring.coordinates) expect(Math.abs(Math.hypot(x! - 10.5, y! - 10.5) - 4)).toBeLessThan(0.1);
  });

  it('leaves lines open where they leave the raster, and finds nothing outside the value range', () => {
    const [cut, none] = contours(cone, raster, [-2, 50]);
    expect(cut!.lines.length).toBeGreaterThan(0);
    expect(cut!.lines.every((l) => !l.closed)).toBe(true);
    expect(none!.lines).toHaveLength(0);
  });

  it('separates two peaks joined by a saddle below the level', () => {
    const twoPeaks = Float64Array.from({ length: 21 * 21 }, (_, i) => {
      const x = i % 21;
      const y = Math.floor(i / 21);
      return Math.max(10 - Math.hypot(x - 5, y - 10), 10 - Math.hypot(x - 15, y - 10));
    });
    const [c] = contours(twoPeaks, raster, [7]);
    expect(c!.lines.filter((l) => l.closed)).toHaveLength(2);
  });
});
