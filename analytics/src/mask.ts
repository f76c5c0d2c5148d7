import { AnalyticsError, invalid } from './errors.ts';
import { validateGrid, type GridSpec } from './grid.ts';
import type { Contiguity, SpatialWeights } from './weights.ts';

/** A polygon as GeoJSON-style rings of [x, y] positions (outer ring first, then holes). */
export type Rings = readonly (readonly (readonly number[])[])[];

/**
 * Which cells of a grid have their centre inside a study area given as polygons (in the grid's
 * coordinates). Even–odd rule over all rings of all polygons, so holes are holes and
 * overlapping polygons do not cancel each other out only if they are given as one polygon's
 * rings: pass disjoint polygons (a MultiPolygon's parts are). Scanline fill: for each row, the
 * crossings of every edge with the horizontal line through the row's centres, sorted, fill
 * between pairs; O(rows × edges + cells), never a point-in-polygon test per cell.
 */
export function polygonMask(grid: GridSpec, polygons: readonly Rings[]): Uint8Array {
  validateGrid(grid);
  const { ncol, nrow, cellSize, originX, originY } = grid;
  const mask = new Uint8Array(ncol * nrow);
  const edges: number[] = []; // x0, y0, x1, y1 per edge
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k]!;
        const b = ring[k + 1]!;
        if (!Number.isFinite(a[0]!) || !Number.isFinite(a[1]!) || !Number.isFinite(b[0]!) || !Number.isFinite(b[1]!)) {
          throw invalid('polygon positions must be finite numbers');
        }
        edges.push(a[0]!, a[1]!, b[0]!, b[1]!);
      }
    }
  }
  const crossings: number[] = [];
  for (let row = 0; row < nrow; row++) {
    const y = originY + (row + 0.5) * cellSize;
    crossings.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const y0 = edges[e + 1]!;
      const y1 = edges[e + 3]!;
      // half-open in y, so a vertex on the scanline is counted once
      if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) {
        const x0 = edges[e]!;
        crossings.push(x0 + ((y - y0) / (y1 - y0)) * (edges[e + 2]! - x0));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // centres x_c = originX + (col + 0.5)·s with left ≤ x_c < right
      const first = Math.max(0, Math.ceil((crossings[k]! - originX) / cellSize - 0.5));
      const last = Math.min(ncol - 1, Math.ceil((crossings[k + 1]! - originX) / cellSize - 0.5) - 1);
      for (let col = first; col <= last; col++) mask[row * ncol + col] = 1;
    }
  }
  return mask;
}

/** Units of a masked grid: `cells[k]` is the grid index of unit k; weights are between units. */
export interface MaskedGrid {
  readonly cells: Int32Array;
  readonly weights: SpatialWeights;
}

/**
 * Binary queen or rook contiguity among the cells of a grid that the mask keeps, numbered in
 * row-major order; a kept cell's neighbours outside the mask are not neighbours (the study area
 * ends there, as with polygon contiguity at a jurisdiction's edge).
 */
export function maskedGridContiguity(ncol: number, nrow: number, mask: Uint8Array, contiguity: Contiguity = 'queen'): MaskedGrid {
  if (mask.length !== ncol * nrow) throw invalid('the mask does not match the grid', { mask: mask.length, cells: ncol * nrow });
  const unitOf = new Int32Array(mask.length).fill(-1);
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) unitOf[i] = n++;
  if (n === 0) throw new AnalyticsError('EMPTY_INPUT', 'no grid cell lies inside the study area');
  const cells = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const neighbours: number[] = [];
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const unit = unitOf[row * ncol + col]!;
      if (unit < 0) continue;
      cells[unit] = row * ncol + col;
      offsets[unit] = neighbours.length;
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= nrow) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= ncol || (dr === 0 && dc === 0) || (contiguity === 'rook' && dr !== 0 && dc !== 0)) continue;
          const other = unitOf[r * ncol + c]!;
          if (other >= 0) neighbours.push(other);
        }
      }
    }
  }
  offsets[n] = neighbours.length;
  return { cells, weights: { n, offsets, neighbours: Int32Array.from(neighbours), weights: new Float64Array(neighbours.length).fill(1) } };
}
