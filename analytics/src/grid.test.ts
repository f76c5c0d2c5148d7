import { describe, expect, it } from 'vitest';
import { parseDay } from './dates.ts';
import { aggregateToGrid, cellIndex, cellRing, extentOf, gridCovering, type GridSpec } from './grid.ts';
import { aggregateToH3, h3CellRing } from './h3.ts';

describe('square grid aggregation', () => {
  const grid: GridSpec = { originX: 1000, originY: 2000, cellSize: 100, ncol: 3, nrow: 2 };

  it('puts points on a cell boundary into the higher cell (half-open cells) and drops the outside', () => {
    expect(cellIndex(grid, 1000, 2000)).toBe(0);
    expect(cellIndex(grid, 1100, 2000)).toBe(1);
    expect(cellIndex(grid, 1099.999, 2099.999)).toBe(0);
    expect(cellIndex(grid, 1100, 2100)).toBe(4);
    expect(cellIndex(grid, 1300, 2000)).toBe(-1);
    expect(cellIndex(grid, Number.NaN, 2000)).toBe(-1);
  });

  it('counts per time window [t_k, t_k+1) and reports what it left out', () => {
    const jan = parseDay('2024-01-01')!;
    const feb = parseDay('2024-02-01')!;
    const mar = parseDay('2024-03-01')!;
    const points = { x: [1050, 1050, 1250, 1250, 5000], y: [2050, 2050, 2150, 2150, 2050], times: [jan, feb, feb + 3, mar, jan] };
    const result = aggregateToGrid(points, grid, [jan, feb, mar]);
    expect(result.windows).toBe(2);
    expect(Array.from(result.counts.subarray(0, 6))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(Array.from(result.counts.subarray(6, 12))).toEqual([1, 0, 0, 0, 0, 1]);
    expect(result.dropped).toBe(2); // one dated on the closing break, one outside the grid
  });

  it('covers an extent with an origin snapped to the cell size, as the spdep reference grid', () => {
    const spec = gridCovering(extentOf([7607612, 7721499], [632001, 732499]), 500);
    expect(spec).toEqual({ originX: 7_607_500, originY: 632_000, cellSize: 500, ncol: 228, nrow: 201 });
    expect(cellRing(spec, 0)).toEqual([[7607500, 632000], [7608000, 632000], [7608000, 632500], [7607500, 632500], [7607500, 632000]]);
  });

  it('refuses grids that would not fit in memory and empty inputs, before allocating', () => {
    expect(() => gridCovering(extentOf([0, 1e6], [0, 1e6]), 0.1)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(() => extentOf([], [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => aggregateToGrid({ x: [1], y: [1] }, { ...grid, cellSize: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => aggregateToGrid({ x: [1], y: [1, 2] }, grid)).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });
});

describe('H3 aggregation', () => {
  // Portland: two calls at the same corner and one across the river
  const lat = [45.512, 45.512, 45.53];
  const lng = [-122.658, -122.658, -122.6];

  it('counts points per hexagon at a resolution, per time window', () => {
    const result = aggregateToH3({ lat, lng, times: [0, 5, 5] }, 8, [0, 3, 10]);
    expect(result.cells).toHaveLength(2);
    expect(result.counts.reduce((s, v) => s + v, 0)).toBe(3);
    const first = result.cells.indexOf(aggregateToH3({ lat: [45.512], lng: [-122.658] }, 8).cells[0]!);
    expect(result.counts[first]).toBe(1);
    expect(result.counts[result.cells.length + first]).toBe(1);
  });

  it('gives each hexagon as a closed GeoJSON ring around its points', () => {
    const { cells } = aggregateToH3({ lat: [45.512], lng: [-122.658] }, 9);
    const ring = h3CellRing(cells[0]!);
    expect(ring[0]).toEqual(ring.at(-1));
    const lngs = ring.map((p) => p[0]!);
    const lats = ring.map((p) => p[1]!);
    expect(Math.min(...lngs)).toBeLessThan(-122.658);
    expect(Math.max(...lngs)).toBeGreaterThan(-122.658);
    expect(Math.min(...lats)).toBeLessThan(45.512);
    expect(Math.max(...lats)).toBeGreaterThan(45.512);
  });

  it('drops impossible coordinates (swapped latitude and longitude) instead of inventing cells', () => {
    const result = aggregateToH3({ lat: [-122.658], lng: [45.512] }, 8);
    expect(result.dropped).toBe(1);
    expect(result.cells).toHaveLength(0);
  });

  it('rejects resolutions outside 0–15', () => {
    expect(() => aggregateToH3({ lat, lng }, 16)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
