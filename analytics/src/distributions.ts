/**
 * Normal and binomial distribution functions used by the tests of significance.
 *
 * erfc: power series for small x (Abramowitz & Stegun 7.1.6, all terms positive, so no
 * cancellation) and the Laplace continued fraction for x ≥ 2 (A&S 7.1.14), evaluated with the
 * modified Lentz method (Press et al., Numerical Recipes 3rd ed., §5.2). Both keep ~1e-15
 * relative accuracy, also in the far tail where 1 − Φ(z) computed by subtraction would be 0.
 */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** erf(x) = 2/√π · e^{−x²} · Σ_{n≥0} 2^n x^{2n+1} / (1·3·…·(2n+1)). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))). */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** Upper tail 1 − Φ(z) of the standard normal distribution. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value 2·(1 − Φ(|z|)), as R's `2 * pnorm(abs(z), lower.tail = FALSE)`. */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** ln k! for k = 0..n, by cumulative sums of logarithms (exact enough for n up to ~10^7). */
export function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
}

/**
 * Two-sided exact binomial test of x successes in n trials with success probability p, as R's
 * `binom.test`: the sum of the probabilities of all outcomes no more likely than x (with R's
 * relative tolerance 1e-7 for ties), capped at 1. `logFact` must cover n.
 */
export function binomialTestTwoSided(x: number, n: number, p: number, logFact: Float64Array = logFactorials(n)): number {
  if (n === 0) return 1;
  if (p <= 0) return x === 0 ? 1 : 0;
  if (p >= 1) return x === n ? 1 : 0;
  if (x === n * p) return 1; // the mode itself: every outcome is at most as likely (R does the same)
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logPmf = (k: number) => logFact[n]! - logFact[k]! - logFact[n - k]! + k * logP + (n - k) * logQ;
  const threshold = logPmf(x) + Math.log1p(1e-7);
  let total = 0;
  for (let k = 0; k <= n; k++) {
    const lp = logPmf(k);
    if (lp <= threshold) total += Math.exp(lp);
  }
  return Math.min(1, total);
}
