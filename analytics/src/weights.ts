import { AnalyticsError, invalid, requirePositive, requirePositiveInteger } from './errors.ts';

/**
 * Spatial weights in compressed sparse row form: the neighbours of unit i are
 * `neighbours[offsets[i] .. offsets[i+1])` with weights at the same positions. Units are
 * grid cells (row-major, row 0 = south) or polygons in input order.
 */
export interface SpatialWeights {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float64Array;
}

export type Contiguity = 'queen' | 'rook';

/** Largest number of neighbour entries we agree to hold (8 bytes + 4 bytes each). */
const MAX_LINKS = 200_000_000;

/**
 * Binary contiguity of a ncol × nrow grid, not wrapped: rook = the 4 cells sharing an edge,
 * queen = the 8 sharing an edge or a corner. `includeSelf` adds the cell itself (for Gi*).
 * Neighbour order follows spdep's cell2nb only loosely; sums do not depend on it.
 */
export function gridContiguity(ncol: number, nrow: number, contiguity: Contiguity = 'queen', includeSelf = false): SpatialWeights {
  requirePositiveInteger('ncol', ncol);
  requirePositiveInteger('nrow', nrow);
  const n = ncol * nrow;
  const perCell = (contiguity === 'queen' ? 8 : 4) + (includeSelf ? 1 : 0);
  if (n * perCell > MAX_LINKS) throw new AnalyticsError('TOO_LARGE', `a ${ncol} × ${nrow} grid has too many neighbour links`, { ncol, nrow });
  const offsets = new Int32Array(n + 1);
  const neighbours = new Int32Array(n * perCell);
  let k = 0;
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const i = row * ncol + col;
      offsets[i] = k;
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= nrow) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= ncol) continue;
          if (dr === 0 && dc === 0 ? !includeSelf : contiguity === 'rook' && dr !== 0 && dc !== 0) continue;
          neighbours[k++] = r * ncol + c;
        }
      }
    }
  }
  offsets[n] = k;
  return { n, offsets, neighbours: neighbours.slice(0, k), weights: new Float64Array(k).fill(1) };
}

/**
 * Binary weights from neighbour lists (polygon contiguity computed elsewhere, e.g. by PostGIS
 * ST_Touches, or read from a file). Lists must be symmetric for the usual interpretation but
 * that is not enforced; indices must be in range and not the unit itself.
 */
export function weightsFromNeighbourLists(lists: readonly (readonly number[])[]): SpatialWeights {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = total;
    total += lists[i]!.length;
  }
  offsets[n] = total;
  if (total > MAX_LINKS) throw new AnalyticsError('TOO_LARGE', 'too many neighbour links', { links: total });
  const neighbours = new Int32Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (const j of lists[i]!) {
      if (!Number.isInteger(j) || j < 0 || j >= n || j === i) throw invalid(`neighbour ${j} of unit ${i} is not another unit`, { unit: i, neighbour: j });
      neighbours[k++] = j;
    }
  }
  return { n, offsets, neighbours, weights: new Float64Array(total).fill(1) };
}

/**
 * Binary distance-band weights between points (e.g. polygon centroids): j is a neighbour of i
 * when 0 < d(i, j) ≤ threshold, Euclidean (spdep::dnearneigh with d1 = 0 counts coincident
 * points as neighbours too; so do we: only i itself is excluded). Points are bucketed in
 * square cells of the threshold's size, so only the 3 × 3 surrounding buckets are searched.
 */
export function distanceBandWeights(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): SpatialWeights {
  requirePositive('threshold', threshold);
  const n = x.length;
  if (y.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', 'x and y differ in length');
  const buckets = new Map<string, number[]>();
  const key = (bx: number, by: number) => `${bx},${by}`;
  for (let i = 0; i < n; i++) {
    const k = key(Math.floor(x[i]! / threshold), Math.floor(y[i]! / threshold));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  const limit2 = threshold * threshold;
  const lists: number[][] = [];
  let links = 0;
  for (let i = 0; i < n; i++) {
    const bx = Math.floor(x[i]! / threshold);
    const by = Math.floor(y[i]! / threshold);
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of buckets.get(key(bx + dx, by + dy)) ?? []) {
          if (j === i) continue;
          const ddx = x[j]! - x[i]!;
          const ddy = y[j]! - y[i]!;
          if (ddx * ddx + ddy * ddy <= limit2) found.push(j);
        }
      }
    }
    found.sort((a, b) => a - b);
    links += found.length;
    if (links > MAX_LINKS) throw new AnalyticsError('TOO_LARGE', 'the distance band links too many pairs', { threshold });
    lists.push(found);
  }
  return weightsFromNeighbourLists(lists);
}

/** Adds each unit to its own neighbour set with weight 1 (spdep include.self), for Gi*. */
export function withSelf(w: SpatialWeights): SpatialWeights {
  const offsets = new Int32Array(w.n + 1);
  const neighbours = new Int32Array(w.neighbours.length + w.n);
  const weights = new Float64Array(neighbours.length);
  let k = 0;
  for (let i = 0; i < w.n; i++) {
    offsets[i] = k;
    let hasSelf = false;
    for (let p = w.offsets[i]!; p < w.offsets[i + 1]!; p++) {
      if (w.neighbours[p] === i) hasSelf = true;
      neighbours[k] = w.neighbours[p]!;
      weights[k++] = w.weights[p]!;
    }
    if (!hasSelf) {
      neighbours[k] = i;
      weights[k++] = 1;
    }
  }
  offsets[w.n] = k;
  return { n: w.n, offsets, neighbours: neighbours.slice(0, k), weights: weights.slice(0, k) };
}

/** Row-standardised copy (spdep style "W"): each unit's weights sum to 1; islands stay empty. */
export function rowStandardise(w: SpatialWeights): SpatialWeights {
  const weights = new Float64Array(w.weights.length);
  for (let i = 0; i < w.n; i++) {
    let sum = 0;
    for (let p = w.offsets[i]!; p < w.offsets[i + 1]!; p++) sum += w.weights[p]!;
    for (let p = w.offsets[i]!; p < w.offsets[i + 1]!; p++) weights[p] = w.weights[p]! / sum;
  }
  return { ...w, weights };
}
