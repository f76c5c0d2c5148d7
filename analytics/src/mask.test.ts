import { describe, expect, it } from 'vitest';
import type { GridSpec } from './grid.ts';
import { maskedGridContiguity, polygonMask } from './mask.ts';
import { gridContiguity } from './weights.ts';

const grid: GridSpec = { originX: 0, originY: 0, cellSize: 10, ncol: 5, nrow: 4 };
const rows = (mask: Uint8Array) => Array.from({ length: grid.nrow }, (_, r) => Array.from(mask.subarray(r * grid.ncol, (r + 1) * grid.ncol)).join('')).reverse();

describe('polygon mask of a grid', () => {
  it('keeps the cells whose centre is inside, holes excluded', () => {
    // outer square 0..50 × 0..40 with a hole around the centre of cell (2, 1) and (2, 2)
    const outer = [[0, 0], [50, 0], [50, 40], [0, 40], [0, 0]];
    const hole = [[21, 11], [29, 11], [29, 29], [21, 29], [21, 11]];
    expect(rows(polygonMask(grid, [[outer, hole]]))).toEqual(['11111', '11011', '11011', '11111']);
  });

  it('counts a centre on the left edge as inside and on the right edge as outside', () => {
    const strip = [[5, 0], [25, 0], [25, 40], [5, 40], [5, 0]];
    expect(rows(polygonMask(grid, [[strip]]))).toEqual(['11000', '11000', '11000', '11000']);
  });

  it('fills a triangle row by row and several polygons at once', () => {
    const triangle = [[0, 0], [40, 0], [0, 40], [0, 0]];
    const square = [[40, 30], [50, 30], [50, 40], [40, 40], [40, 30]];
    expect(rows(polygonMask(grid, [[triangle], [square]]))).toEqual(['00001', '10000', '11000', '11100']);
  });
});

describe('contiguity of a masked grid', () => {
  it('equals plain grid contiguity when every cell is kept', () => {
    const all = maskedGridContiguity(grid.ncol, grid.nrow, new Uint8Array(20).fill(1), 'queen');
    const plain = gridContiguity(grid.ncol, grid.nrow, 'queen');
    expect(Array.from(all.cells)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(all.weights.offsets)).toEqual(Array.from(plain.offsets));
    expect([...all.weights.neighbours].sort()).toEqual([...plain.neighbours].sort());
  });

  it('links only kept cells, renumbered in row-major order', () => {
    const mask = new Uint8Array(20);
    for (const i of [0, 1, 6, 12]) mask[i] = 1; // (0,0) (1,0) (1,1) (2,2)
    const queen = maskedGridContiguity(grid.ncol, grid.nrow, mask, 'queen');
    expect(Array.from(queen.cells)).toEqual([0, 1, 6, 12]);
    const lists = Array.from({ length: 4 }, (_, u) => Array.from(queen.weights.neighbours.subarray(queen.weights.offsets[u]!, queen.weights.offsets[u + 1]!)).sort());
    expect(lists).toEqual([[1, 2], [0, 2], [0, 1, 3], [2]]);
    const rook = maskedGridContiguity(grid.ncol, grid.nrow, mask, 'rook');
    expect(rook.weights.neighbours.length).toBe(4); // 0–1 and 1–6 both ways; 6–12 touch at a corner only
  });

  it('refuses a mask that keeps nothing', () => {
    expect(() => maskedGridContiguity(grid.ncol, grid.nrow, new Uint8Array(20), 'queen')).toThrow(/no grid cell/);
  });
});
