import { createRandom, type Random } from './random.ts';
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
  onProgress?: (fraction: number) => void,
): Float64Array {
  requireNonNegativeInteger('permutations', permutations);
  const n = weights.n;
  const p = new Float64Array(n).fill(Number.NaN);
  if (permutations === 0) return p;
  const random = createRandom(seed);
  const { offsets, neighbours, weights: w } = weights;
  const picked = new Int32Array(maxNeighbours(weights));
  const every = Math.max(1, Math.ceil(n / 100));
  for (let i = 0; i < n; i++) {
    if (onProgress && i % every === 0) onProgress(i / n);
    let observed = 0;
    let k = 0;
    for (let q = offsets[i]!; q < offsets[i + 1]!; q++) {
      if (neighbours[q] === i) continue;
      observed += w[q]! * values[neighbours[q]!]!;
      k++;
    }
    const sign = direction ? direction[i]! : 1;
    if (k === 0 || sign === 0 || k > n - 1) continue;
    let larger = 0;
    for (let r = 0; r < permutations; r++) {
      drawOthers(random, n, i, k, picked);
      let sum = 0;
      let m = 0;
      for (let q = offsets[i]!; q < offsets[i + 1]!; q++) {
        if (neighbours[q] === i) continue;
        sum += w[q]! * values[picked[m++]!]!;
      }
      if (sign * sum >= sign * observed) larger++;
    }
    p[i] = (Math.min(larger, permutations - larger) + 1) / (permutations + 1);
  }
  return p;
}

function maxNeighbours(weights: SpatialWeights): number {
  let max = 0;
  for (let i = 0; i < weights.n; i++) max = Math.max(max, weights.offsets[i + 1]! - weights.offsets[i]!);
  return max;
}

/**
 * k distinct units other than `self`, uniformly: draw from the n − 1 others and redraw
 * duplicates (k is a handful of neighbours; for large k the expected redraws stay below k·k/n
 * per draw, negligible while k ≪ n, and Floyd's algorithm would need a set anyway).
 */
function drawOthers(random: Random, n: number, self: number, k: number, out: Int32Array): void {
  for (let m = 0; m < k; m++) {
    let j: number;
    let duplicate: boolean;
    do {
      j = random.below(n - 1);
      if (j >= self) j++;
      duplicate = false;
      for (let t = 0; t < m; t++) {
        if (out[t] === j) {
          duplicate = true;
          break;
        }
      }
    } while (duplicate);
    out[m] = j;
  }
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
