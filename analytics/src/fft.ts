/**
 * Radix-2 complex FFT (Cooley & Tukey 1965) on separate real and imaginary arrays, shaped for
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
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
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

  /** Forward DFT X_k = Σ_j x_j e^{−2πi jk/N}, output in bit-reversed order. */
  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const { cos, sin } = this;
    for (let half = n >> 1; half >= 1; half >>= 1) {
      const step = n / (2 * half);
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = -sin[k * step]!;
        for (let a = k; a < n; a += 2 * half) {
          const b = a + half;
          const ar = re[a]!;
          const ai = im[a]!;
          const br = re[b]!;
          const bi = im[b]!;
          re[a] = ar + br;
          im[a] = ai + bi;
          const dr = ar - br;
          const di = ai - bi;
          re[b] = dr * wr - di * wi;
          im[b] = dr * wi + di * wr;
        }
      }
    }
  }

  /**
   * Inverse DFT x_j = (1/N) Σ_k X_k e^{+2πi jk/N} of a bit-reversed spectrum, output in natural
   * order; the factor 1/N is left to the caller (fold it into the kernel).
   */
  inverse(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const { cos, sin } = this;
    for (let half = 1; half < n; half <<= 1) {
      const step = n / (2 * half);
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = sin[k * step]!;
        for (let a = k; a < n; a += 2 * half) {
          const b = a + half;
          const br = re[b]! * wr - im[b]! * wi;
          const bi = re[b]! * wi + im[b]! * wr;
          const ar = re[a]!;
          const ai = im[a]!;
          re[a] = ar + br;
          im[a] = ai + bi;
          re[b] = ar - br;
          im[b] = ai - bi;
        }
      }
    }
  }
}

export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}
