import { AnalyticsError } from './errors.ts';
import { normalTwoSidedP } from './distributions.ts';
import { meanAndVariance, requireVariation, type LocalStatisticOptions } from './gistar.ts';
import { benjaminiHochberg, conditionalPermutationP } from './inference.ts';
import { rowStandardise, type SpatialWeights } from './weights.ts';

/** LISA quadrant of a unit against the mean of its neighbours (Anselin 1995, Moran scatterplot). */
export const QUADRANTS = ['HH', 'LL', 'HL', 'LH'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export interface LocalMoranResult {
  readonly i: Float64Array;
  readonly expected: Float64Array;
  readonly variance: Float64Array;
  readonly z: Float64Array;
  /** Two-sided analytical p-value, 2·(1 − Φ(|z|)). */
  readonly p: Float64Array;
  readonly pSim: Float64Array | null;
  readonly q: Float64Array | null;
  /** Index into QUADRANTS (0 HH, 1 LL, 2 HL, 3 LH); −1 for islands. */
  readonly quadrant: Int8Array;
}

/**
 * Local Moran's I (Anselin 1995, eq. 7) with row-standardised weights (standardised here), and the
 * conditional-randomisation moments of Sokal, Oden & Thomson (1998, Geographical Analysis
 * 30(4)) as in spdep 1.2-7 localmoran (conditional = TRUE, mlvar = TRUE):
 *
 *   z_i = x_i − x̄,  m2 = Σ z²/n,  I_i = (z_i/m2)·Σ_j w_ij z_j
 *   E[I_i]   = −z_i²·W_i / ((n − 1)·m2)
 *   Var[I_i] = (z_i/m2)² · n/(n − 2) · (W_i2 − W_i²/(n − 1)) · (m2 − z_i²/(n − 1))
 *
 * with W_i = Σ_j w_ij and W_i2 = Σ_j w_ij². Islands (no neighbours) get NaN z and p.
 * Quadrants compare z_i and the spatial lag with 0 (i.e. with the mean), as spdep's "mean"
 * quadrant column.
 */
export function localMoran(values: Float64Array, weights: SpatialWeights, options: LocalStatisticOptions = {}): LocalMoranResult {
  if (values.length !== weights.n) throw new AnalyticsError('LENGTH_MISMATCH', `${values.length} values for ${weights.n} spatial units`);
  const n = values.length;
  if (n < 3) throw new AnalyticsError('EMPTY_INPUT', 'local Moran needs at least 3 units');
  const { mean, variance: m2 } = meanAndVariance(values);
  requireVariation(m2);
  const { offsets, neighbours, weights: w } = weights;
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = values[i]! - mean;
  const I = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const quadrant = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    // row standardisation on the fly: w_ij / Σ_j w_ij
    let rowSum = 0;
    let lagSum = 0;
    let squares = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const wij = w[k]!;
      rowSum += wij;
      lagSum += wij * centred[neighbours[k]!]!;
      squares += wij * wij;
    }
    const lag = rowSum === 0 ? 0 : lagSum / rowSum;
    const wi = rowSum === 0 ? 0 : 1;
    const wi2 = rowSum === 0 ? 0 : squares / (rowSum * rowSum);
    const zi = centred[i]!;
    I[i] = (zi / m2) * lag;
    expected[i] = (-zi * zi * wi) / ((n - 1) * m2);
    variance[i] = (zi / m2) ** 2 * (n / (n - 2)) * (wi2 - (wi * wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    z[i] = (I[i]! - expected[i]!) / Math.sqrt(variance[i]!);
    p[i] = normalTwoSidedP(z[i]!);
    quadrant[i] = wi === 0 ? -1 : zi > 0 ? (lag > 0 ? 0 : 2) : lag > 0 ? 3 : 1;
  }
  const direction = options.permutations ? Float64Array.from(centred, Math.sign) : undefined;
  const pSim = options.permutations ? conditionalPermutationP(centred, rowStandardise(weights), options.permutations, options.seed ?? 0, direction, options.onProgress) : null;
  const q = options.fdr ? benjaminiHochberg(pSim ?? p) : null;
  return { i: I, expected, variance, z, p, pSim, q, quadrant };
}
