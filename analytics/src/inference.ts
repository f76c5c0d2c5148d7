import { createRandom } from './random.ts';
import { requireNonNegativeInteger } from './errors.ts';
import type { SpatialWeights } from './weights.ts';

/**
 * Conditional permutation inference for local statistics (Anselin 1995, "Local indicators of
 * spatial association — LISA", Geographical Analysis 27(2), §4): the value at unit i stays,
 * the values of its neighbours are drawn without replacement from the other n − 1 units, and
 * the weighted neighbour sum Σ_{j≠i} w_ij x_j is recomputed. `direction[i]` (+1/−1) turns the
 * sum into the statistic's orientation (Moran's I_i has the sign of z_i); every other term of
 * Gi* and I_i is fixed under this null, so comparing sums is comparing statistics.
 *
 * The pseudo p-value is folded one-sided, as in PySAL esda: with `larger` simulations at or
 * above the observed value, p = (min(larger, R − larger) + 1) / (R + 1).
 */
export function conditionalPermutationP(
  values: Float64Array,
  weights: SpatialWeights,
  permutations: number,
  seed: number,
  direction?: Float64Array,
): Float64Array {
  requireNonNegativeInteger('permutations', permutations);
  const n = weights.n;
  const p = new Float64Array(n).fill(Number.NaN);
  if (permutations === 0) return p;
  const random = createRandom(seed);
  // A permutation of the unit indices with its inverse; partial Fisher–Yates over the first
  // n − 1 positions after moving unit i to the last one draws a uniform k-subset of the others.
  const order = new Int32Array(n);
  const where = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = where[i] = i;
  const swap = (a: number, b: number) => {
    const ua = order[a]!;
    const ub = order[b]!;
    order[a] = ub;
    order[b] = ua;
    where[ub] = a;
    where[ua] = b;
  };
  const { offsets, neighbours, weights: w } = weights;
  for (let i = 0; i < n; i++) {
    let observed = 0;
    let k = 0;
    for (let q = offsets[i]!; q < offsets[i + 1]!; q++) {
      if (neighbours[q] === i) continue;
      observed += w[q]! * values[neighbours[q]!]!;
      k++;
    }
    if (k === 0) continue;
    const sign = direction ? direction[i]! : 1;
    if (sign === 0) continue;
    swap(where[i]!, n - 1);
    let larger = 0;
    for (let r = 0; r < permutations; r++) {
      let sum = 0;
      let m = 0;
      for (let q = offsets[i]!; q < offsets[i + 1]!; q++) {
        if (neighbours[q] === i) continue;
        swap(m, m + random.below(n - 1 - m));
        sum += w[q]! * values[order[m]!]!;
        m++;
      }
      if (sign * sum >= sign * observed) larger++;
    }
    p[i] = (Math.min(larger, permutations - larger) + 1) / (permutations + 1);
  }
  return p;
}

/**
 * Benjamini–Hochberg false-discovery-rate adjusted p-values (Benjamini & Hochberg 1995, JRSS B
 * 57(1)), as R's p.adjust(method = "BH"): q_(k) = min_{j ≥ k} m·p_(j)/j, capped at 1. NaN
 * p-values (islands, constant data) are left out of m and stay NaN.
 */
export function benjaminiHochberg(p: Float64Array): Float64Array {
  const indices: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i]!)) indices.push(i);
  indices.sort((a, b) => p[b]! - p[a]!);
  const m = indices.length;
  const q = new Float64Array(p.length).fill(Number.NaN);
  let running = 1;
  indices.forEach((index, k) => {
    const rank = m - k;
    running = Math.min(running, (m * p[index]!) / rank);
    q[index] = running;
  });
  return q;
}

/**
 * Hot/cold spot class from a z-score and its p-value, the convention of ArcGIS "Hot Spot
 * Analysis": ±3 at 99 % confidence (p < 0.01), ±2 at 95 %, ±1 at 90 %, 0 otherwise.
 */
export function confidenceClass(z: number, p: number): number {
  if (!(p < 0.1) || Number.isNaN(z)) return 0;
  const level = p < 0.01 ? 3 : p < 0.05 ? 2 : 1;
  return z > 0 ? level : -level;
}
