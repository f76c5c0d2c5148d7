/**
 * Radix-4/2 complex FFT (Cooley & Tukey 1965) on separate real and imaginary arrays, shaped for
 * convolution: the forward transform is decimation in frequency (natural order in, bit-reversed
 * order out) and the inverse is decimation in time (bit-reversed in, natural out), so no
 * bit-reversal pass is needed when the spectrum is only multiplied point by point in between.
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`FFT size ${size} is not a power of two ≥ 2`);
    this.size = size;
    this.cos = new Float64Array(size);
    this.sin = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Position of the natural-order frequency j in the forward transform's output. */
  bitReversed(j: number): number {
    let r = 0;
    for (let bit = this.size >> 1, v = j; bit > 0; bit >>= 1, v >>= 1) r = (r << 1) | (v & 1);
    return r;
  }

  /**
   * Forward DFT X_k = Σ_j x_j e^{−2πi jk/N}, output in bit-reversed order. Two radix-2 stages
   * are fused into one radix-4 pass (3 twiddle products per 4 points instead of 4, half the
   * passes over memory); an odd power of two ends with one radix-2 stage.
   */
  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const { cos, sin } = this;
    let span = n;
    for (; span >= 4; span >>= 2) {
      const q = span >> 2;
      const step = n / span;
      for (let k = 0; k < q; k++) {
        const w1r = cos[k * step]!;
        const w1i = -sin[k * step]!;
        const w2r = cos[2 * k * step]!;
        const w2i = -sin[2 * k * step]!;
        const w3r = cos[3 * k * step]!;
        const w3i = -sin[3 * k * step]!;
        for (let a = k; a < n; a += span) {
          const b = a + q;
          const c = b + q;
          const d = c + q;
          const sr = re[a]! + re[c]!;
          const si = im[a]! + im[c]!;
          const dr = re[a]! - re[c]!;
          const di = im[a]! - im[c]!;
          const tr = re[b]! + re[d]!;
          const ti = im[b]! + im[d]!;
          const ur = re[b]! - re[d]!;
          const ui = im[b]! - im[d]!;
          re[a] = sr + tr;
          im[a] = si + ti;
          const er = sr - tr;
          const ei = si - ti;
          re[b] = er * w2r - ei * w2i;
          im[b] = er * w2i + ei * w2r;
          // (x0 − x2) ∓ i(x1 − x3)
          const ar = dr + ui;
          const ai = di - ur;
          const br = dr - ui;
          const bi = di + ur;
          re[c] = ar * w1r - ai * w1i;
          im[c] = ar * w1i + ai * w1r;
          re[d] = br * w3r - bi * w3i;
          im[d] = br * w3i + bi * w3r;
        }
      }
    }
    if (span === 2) pairSums(re, im);
  }

  /**
   * Inverse DFT x_j = (1/N) Σ_k X_k e^{+2πi jk/N} of a bit-reversed spectrum, output in natural
   * order: the forward passes undone in reverse order with conjugate twiddles. The factor 1/N
   * is left to the caller (fold it into the kernel).
   */
  inverse(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const { cos, sin } = this;
    let span = 4;
    if (Math.log2(n) % 2 === 1) {
      pairSums(re, im);
      span = 8;
    }
    for (; span <= n; span <<= 2) {
      const q = span >> 2;
      const step = n / span;
      for (let k = 0; k < q; k++) {
        const v1r = cos[k * step]!;
        const v1i = sin[k * step]!;
        const v2r = cos[2 * k * step]!;
        const v2i = sin[2 * k * step]!;
        const v3r = cos[3 * k * step]!;
        const v3i = sin[3 * k * step]!;
        for (let a = k; a < n; a += span) {
          const b = a + q;
          const c = b + q;
          const d = c + q;
          const u0r = re[a]!;
          const u0i = im[a]!;
          const u1r = re[b]! * v2r - im[b]! * v2i;
          const u1i = re[b]! * v2i + im[b]! * v2r;
          const u2r = re[c]! * v1r - im[c]! * v1i;
          const u2i = re[c]! * v1i + im[c]! * v1r;
          const u3r = re[d]! * v3r - im[d]! * v3i;
          const u3i = re[d]! * v3i + im[d]! * v3r;
          const sr = u0r + u1r;
          const si = u0i + u1i;
          const dr = u0r - u1r;
          const di = u0i - u1i;
          const tr = u2r + u3r;
          const ti = u2i + u3i;
          const er = u2r - u3r;
          const ei = u2i - u3i;
          re[a] = sr + tr;
          im[a] = si + ti;
          re[c] = sr - tr;
          im[c] = si - ti;
          // (u0 − u1) ± i(u2 − u3)
          re[b] = dr - ei;
          im[b] = di + er;
          re[d] = dr + ei;
          im[d] = di - er;
        }
      }
    }
  }
}

/**
 * The radix-2 pass of span 2 (twiddle 1): (a, b) → (a + b, a − b). It is its own inverse up to
 * the factor 2, so the forward and inverse transforms share it.
 */
function pairSums(re: Float64Array, im: Float64Array): void {
  for (let a = 0; a < re.length; a += 2) {
    const ar = re[a]!;
    const ai = im[a]!;
    re[a] = ar + re[a + 1]!;
    im[a] = ai + im[a + 1]!;
    re[a + 1] = ar - re[a + 1]!;
    im[a + 1] = ai - im[a + 1]!;
  }
}

export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}
