import { describe, expect, it } from 'vitest';
import { closeTo, maxOf, portlandPoints, readSharedCsv } from '../test/shared-data.ts';
import { aggregateToGrid, extentOf, gridCovering } from './grid.ts';
import { localGiStar } from './gistar.ts';
import { localMoran, QUADRANTS } from './moran.ts';
import { distanceBandWeights, gridContiguity, weightsFromNeighbourLists } from './weights.ts';
import { AnalyticsError } from './errors.ts';

function portlandGrid() {
  const { x, y } = portlandPoints();
  const grid = gridCovering(extentOf(x, y), 500);
  return { grid, counts: aggregateToGrid({ x, y }, grid).counts };
}

describe('Gi* and local Moran on the Portland 500-ft grid (R spdep 1.2-7 reference)', () => {
  const reference = readSharedCsv('reference/portland-2016-08-grid500ft.csv');

  it('builds the reference grid and counts every point in the same cell', () => {
    const { grid, counts } = portlandGrid();
    expect(grid).toEqual({ originX: 7_607_500, originY: 632_000, cellSize: 500, ncol: 228, nrow: 201 });
    const expected = reference.numbers('count');
    expect(counts.length).toBe(expected.length);
    expect(Array.from(counts)).toEqual(Array.from(expected));
  });

  it('reproduces spdep localG (include.self, binary queen weights) z-values to 1e-9', () => {
    const { grid, counts } = portlandGrid();
    const result = localGiStar(counts, gridContiguity(grid.ncol, grid.nrow, 'queen'));
    const expected = reference.numbers('gistar_z');
    let worst = 0;
    for (let i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(result.z[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('reproduces spdep localmoran (row-standardised queen, conditional variance) to 1e-9', () => {
    const { grid, counts } = portlandGrid();
    const result = localMoran(counts, gridContiguity(grid.ncol, grid.nrow, 'queen'));
    const columns = { moran_i: result.i, moran_e: result.expected, moran_var: result.variance, moran_z: result.z };
    for (const [name, ours] of Object.entries(columns)) {
      const expected = reference.numbers(name);
      const bad = expected.findIndex((e, i) => !closeTo(ours[i]!, e, 1e-9));
      expect(bad, `${name} differs at cell ${bad}`).toBe(-1);
    }
    // p-values: relative agreement where R has not underflowed to 0
    const expectedP = reference.numbers('moran_p');
    for (let i = 0; i < expectedP.length; i++) {
      if (expectedP[i]! > 1e-300) expect(Math.abs(result.p[i]! - expectedP[i]!) / expectedP[i]!).toBeLessThan(1e-9);
      else expect(result.p[i]!).toBeLessThan(1e-300);
    }
  });

  it('labels quadrants by the signs of the deviation and of its spatial lag', () => {
    const { grid, counts } = portlandGrid();
    const result = localMoran(counts, gridContiguity(grid.ncol, grid.nrow, 'queen'));
    const hottest = result.z.indexOf(maxOf(result.z));
    expect(QUADRANTS[result.quadrant[hottest]!]).toBe('HH');
    const emptyInEmpty = counts.findIndex((c, i) => c === 0 && result.i[i]! > 0);
    expect(QUADRANTS[result.quadrant[emptyInEmpty]!]).toBe('LL');
  });

  it('gives permutation p-values that are reproducible by seed and agree with the analytical ones for strong spots', () => {
    const { grid, counts } = portlandGrid();
    const w = gridContiguity(grid.ncol, grid.nrow, 'queen');
    const a = localGiStar(counts, w, { permutations: 99, seed: 7 });
    const b = localGiStar(counts, w, { permutations: 99, seed: 7 });
    const c = localGiStar(counts, w, { permutations: 99, seed: 8 });
    expect(Array.from(a.pSim!)).toEqual(Array.from(b.pSim!));
    expect(Array.from(a.pSim!)).not.toEqual(Array.from(c.pSim!));
    const hottest = a.z.indexOf(maxOf(a.z));
    expect(a.pSim![hottest]).toBe(0.01);
    for (const p of a.pSim!) expect(p).toBeGreaterThanOrEqual(0.01);
  });
});

describe('local statistics on polygons', () => {
  // A 1 × 5 strip of areas with a clear high end: contiguity as neighbour lists
  const values = Float64Array.from([10, 9, 1, 0, 0]);
  const lists = [[1], [0, 2], [1, 3], [2, 4], [3]];

  it('accepts contiguity given as neighbour lists', () => {
    const g = localGiStar(values, weightsFromNeighbourLists(lists));
    expect(g.z[0]).toBeGreaterThan(0);
    expect(g.z[4]).toBeLessThan(0);
    const m = localMoran(values, weightsFromNeighbourLists(lists));
    expect(QUADRANTS[m.quadrant[0]!]).toBe('HH');
    expect(QUADRANTS[m.quadrant[4]!]).toBe('LL');
  });

  it('builds distance-band weights from centroids that equal the contiguity of an evenly spaced strip', () => {
    const xs = Float64Array.from([0, 100, 200, 300, 400]);
    const ys = new Float64Array(5);
    const band = distanceBandWeights(xs, ys, 150);
    const lists2 = weightsFromNeighbourLists(lists);
    expect(Array.from(band.offsets)).toEqual(Array.from(lists2.offsets));
    expect(Array.from(band.neighbours)).toEqual(Array.from(lists2.neighbours));
    expect(Array.from(localGiStar(values, band).z)).toEqual(Array.from(localGiStar(values, lists2).z));
  });

  it('gives islands NaN instead of a number that looks meaningful', () => {
    const m = localMoran(Float64Array.from([1, 5, 2]), weightsFromNeighbourLists([[1], [0], []]));
    expect(m.z[2]).toBeNaN();
    expect(m.quadrant[2]).toBe(-1);
  });

  it('rejects constant values and mismatched lengths with typed errors', () => {
    expect(() => localGiStar(new Float64Array(5).fill(3), weightsFromNeighbourLists(lists))).toThrow(AnalyticsError);
    expect(() => localMoran(Float64Array.from([1, 2]), weightsFromNeighbourLists(lists))).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });

  it('marks FDR-adjusted hot spots no more often than unadjusted ones', () => {
    const { grid, counts } = portlandGrid();
    const w = gridContiguity(grid.ncol, grid.nrow, 'rook');
    const plain = localGiStar(counts, w);
    const fdr = localGiStar(counts, w, { fdr: true });
    const hot = (c: Int8Array) => c.filter((v) => v === 3).length;
    expect(hot(fdr.classes)).toBeGreaterThan(0);
    expect(hot(fdr.classes)).toBeLessThanOrEqual(hot(plain.classes));
    for (let i = 0; i < fdr.q!.length; i++) expect(fdr.q![i]!).toBeGreaterThanOrEqual(plain.p[i]! - 1e-15);
  });

  it('reports the progress of the permutations', () => {
    const seen: number[] = [];
    const values = Float64Array.from({ length: 400 }, (_, i) => (i * 7919) % 13);
    localGiStar(values, gridContiguity(20, 20, 'queen'), { permutations: 9, seed: 3, onProgress: (f) => seen.push(f) });
    expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => k / 100));
  });
});
