import { AnalyticsError } from './errors.ts';
import { normalTwoSidedP } from './distributions.ts';
import { benjaminiHochberg, conditionalPermutationP, confidenceClass } from './inference.ts';
import type { SpatialWeights } from './weights.ts';

export interface LocalStatisticOptions {
  /** Conditional permutations for pseudo p-values (0 = analytical only). */
  permutations?: number;
  seed?: number;
  /** Add Benjamini–Hochberg q-values (of the analytical p, or of the pseudo p with permutations). */
  fdr?: boolean;
  /** Called now and then during the permutations with the fraction done (0–1), e.g. for a progress bar. */
  onProgress?: (fraction: number) => void;
}

export interface GiStarResult {
  readonly z: Float64Array;
  /** Two-sided analytical p-value from the normal approximation. */
  readonly p: Float64Array;
  /** Folded one-sided permutation p-value, when permutations > 0. */
  readonly pSim: Float64Array | null;
  /** BH-adjusted p-values, when fdr is set. */
  readonly q: Float64Array | null;
  /** −3..3: cold/hot spot at 99/95/90 % confidence (on q when fdr is set). */
  readonly classes: Int8Array;
}

/** Mean and population variance Σ(x − x̄)²/n (two passes, for accuracy). */
export function meanAndVariance(values: Float64Array): { mean: number; variance: number } {
  const n = values.length;
  if (n === 0) throw new AnalyticsError('EMPTY_INPUT', 'there are no values');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, variance: ss / n };
}

export function requireVariation(variance: number): void {
  if (!(variance > 0)) throw new AnalyticsError('BAD_INPUT', 'every value is the same: local statistics are undefined without variation');
}

/**
 * Local Getis–Ord Gi* (Getis & Ord 1992, Geographical Analysis 24(3); Ord & Getis 1995, eq. 13),
 * the unit itself included in its neighbourhood (weights get self added if missing):
 *
 *   Gi* = (Σ_j w_ij x_j − x̄·W_i) / (S · sqrt((n·S1_i − W_i²)/(n − 1)))
 *
 * with W_i = Σ_j w_ij, S1_i = Σ_j w_ij², x̄ the mean and S² = Σ(x − x̄)²/n. This is exactly
 * spdep::localG with an include.self listw (attr "gstari" TRUE). Units absent from their own
 * neighbour list get self-weight 1, so plain contiguity weights can be passed as they are.
 */
export function localGiStar(values: Float64Array, weights: SpatialWeights, options: LocalStatisticOptions = {}): GiStarResult {
  if (values.length !== weights.n) throw new AnalyticsError('LENGTH_MISMATCH', `${values.length} values for ${weights.n} spatial units`);
  const n = values.length;
  const { mean, variance } = meanAndVariance(values);
  requireVariation(variance);
  const s = Math.sqrt(variance);
  const { offsets, neighbours, weights: w } = weights;
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // the unit itself takes weight 1 unless the weights give it one (include.self)
    let self = 1;
    let lag = 0;
    let wi = 0;
    let s1 = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = neighbours[k]!;
      if (j === i) {
        self = w[k]!;
        continue;
      }
      const wij = w[k]!;
      lag += wij * values[j]!;
      wi += wij;
      s1 += wij * wij;
    }
    lag += self * values[i]!;
    wi += self;
    s1 += self * self;
    z[i] = (lag - mean * wi) / (s * Math.sqrt((n * s1 - wi * wi) / (n - 1)));
    p[i] = normalTwoSidedP(z[i]!);
  }
  const pSim = options.permutations ? conditionalPermutationP(values, weights, options.permutations, options.seed ?? 0, undefined, options.onProgress) : null;
  const q = options.fdr ? benjaminiHochberg(pSim ?? p) : null;
  const decisive = q ?? pSim ?? p;
  const classes = new Int8Array(n);
  for (let i = 0; i < n; i++) classes[i] = confidenceClass(z[i]!, decisive[i]!);
  return { z, p, pSim, q, classes };
}
