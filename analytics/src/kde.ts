import { AnalyticsError, invalid, requireCellsWithinLimit, requirePositive, requireSameLength } from './errors.ts';
import { Fft, nextPowerOfTwo } from './fft.ts';
import { validateGrid, type GridSpec } from './grid.ts';

export type Kernel = 'gaussian' | 'quartic';

export interface KdeOptions {
  kernel?: Kernel;
  /**
   * Gaussian: the standard deviation σ per axis (spatstat's `sigma`). Quartic: the radius h of
   * the support (the usual bandwidth of crime-mapping tools; its σ per axis is h/√8).
   */
  bandwidth: number;
  /** Divide by the kernel mass inside the raster (spatstat's edge = TRUE, "uniform" correction). */
  edgeCorrection?: boolean;
  /** Optional weight per point (default 1). */
  weights?: ArrayLike<number>;
}

export interface KdeResult {
  /** Pixels are the cells of this grid; values at pixel centres. */
  readonly raster: GridSpec;
  /** Intensity (expected events per square unit), row-major, row 0 south. */
  readonly density: Float64Array;
  /** Points outside the raster (or without finite coordinates), left out as spatstat does. */
  readonly dropped: number;
}

/** Largest quartic kernel footprint (pixels) times occupied pixels that we accept. */
const MAX_QUARTIC_WORK = 5e9;
/** The Gaussian is cut at 12σ: the mass beyond is below e^{−72} of the peak, far under round-off. */
const GAUSSIAN_CUTOFF_SIGMAS = 12;

/**
 * Kernel density estimate on a raster, computed the way spatstat.explore's density.ppp does it
 * (Baddeley, Rubak & Turner 2015, "Spatial Point Patterns", §6.5; second.moment.engine):
 *  1. every point goes to its nearest pixel centre (exact ties to the even index, as R's round);
 *  2. the pixel counts are convolved with the kernel evaluated at the pixel offsets and
 *     normalised to sum 1, then divided by the pixel area;
 *  3. with edge correction, each pixel is divided by the kernel mass falling inside the raster
 *     (Diggle 1985's "uniform" correction, evaluated by the same discrete convolution).
 * The Gaussian is separable, so step 2 is two passes of 1-D convolutions, each done by FFT on
 * two rows at once (real and imaginary parts); the quartic kernel is spread directly from the
 * occupied pixels. Binning moves points by at most half a pixel: keep the pixel well below σ.
 */
export function kernelDensity(points: { x: ArrayLike<number>; y: ArrayLike<number> }, raster: GridSpec, options: KdeOptions): KdeResult {
  validateGrid(raster);
  requirePositive('bandwidth', options.bandwidth);
  const kernel = options.kernel ?? 'gaussian';
  if (kernel !== 'gaussian' && kernel !== 'quartic') throw invalid(`unknown kernel ${String(kernel)}`, { kernel });
  const n = requireSameLength(options.weights ? { x: points.x, y: points.y, weights: options.weights } : { x: points.x, y: points.y });
  if (n === 0) throw new AnalyticsError('EMPTY_INPUT', 'there are no points');
  const { ncol, nrow, cellSize } = raster;
  const radius = kernel === 'gaussian' ? (GAUSSIAN_CUTOFF_SIGMAS * options.bandwidth) / cellSize : options.bandwidth / cellSize;
  if (kernel === 'gaussian') {
    const fftCells = nextPowerOfTwo(ncol + Math.min(ncol - 1, Math.ceil(radius))) * nextPowerOfTwo(nrow + Math.min(nrow - 1, Math.ceil(radius)));
    requireCellsWithinLimit('the padded FFT raster', fftCells);
  }
  const { counts, dropped } = binToPixelCentres(points, raster, options.weights);
  if (dropped === n) throw new AnalyticsError('EMPTY_INPUT', 'no point lies inside the raster', { dropped });
  let density: Float64Array;
  if (kernel === 'gaussian') {
    const kx = gaussianWeights(ncol, options.bandwidth / cellSize);
    const ky = gaussianWeights(nrow, options.bandwidth / cellSize);
    density = separableConvolution(counts, ncol, nrow, kx, ky);
    if (options.edgeCorrection) divideByEdgeMass(density, ncol, nrow, kx, ky);
  } else {
    const stencil = quarticStencil(radius);
    let occupied = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) occupied++;
    const work = occupied * stencil.values.length;
    if (work > MAX_QUARTIC_WORK) throw new AnalyticsError('TOO_LARGE', 'the quartic bandwidth is too large for this raster: choose larger pixels or a smaller bandwidth', { work, limit: MAX_QUARTIC_WORK });
    density = spread(counts, ncol, nrow, stencil);
    if (options.edgeCorrection) divideByStencilMass(density, ncol, nrow, stencil);
  }
  const area = cellSize * cellSize;
  for (let i = 0; i < density.length; i++) density[i] = density[i]! / area;
  return { raster, density, dropped };
}

/** Step 1: counts at nearest pixel centres; points outside the raster rectangle are dropped. */
function binToPixelCentres(points: { x: ArrayLike<number>; y: ArrayLike<number> }, raster: GridSpec, weights?: ArrayLike<number>): { counts: Float64Array; dropped: number } {
  const { ncol, nrow, cellSize, originX, originY } = raster;
  const counts = new Float64Array(ncol * nrow);
  const x1 = originX + ncol * cellSize;
  const y1 = originY + nrow * cellSize;
  const cx0 = originX + cellSize / 2;
  const cy0 = originY + cellSize / 2;
  const inverse = 1 / cellSize;
  let dropped = 0;
  for (let i = 0; i < points.x.length; i++) {
    const x = points.x[i]!;
    const y = points.y[i]!;
    if (!(x >= originX && x <= x1 && y >= originY && y <= y1)) {
      dropped++;
      continue;
    }
    const col = clamp(nearestCentre(x, cx0, cellSize, inverse), ncol - 1);
    const row = clamp(nearestCentre(y, cy0, cellSize, inverse), nrow - 1);
    counts[row * ncol + col]! += weights ? weights[i]! : 1;
  }
  return { counts, dropped };
}

/**
 * Index of the nearest pixel centre, round((p − c0)/size) with exact ties to even as R's round.
 * Multiplying by the inverse size is faster than dividing but may be one ulp off; that can only
 * matter within a hair of a tie, so those few points take the exact division.
 */
function nearestCentre(p: number, c0: number, size: number, inverse: number): number {
  const shifted = (p - c0) * inverse + 0.5;
  const r = Math.floor(shifted);
  const d = shifted - r;
  if (d > 1e-6 && d < 1 - 1e-6) return r;
  return roundHalfEven((p - c0) / size);
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

function clamp(i: number, max: number): number {
  return i < 0 ? 0 : i > max ? max : i;
}

/**
 * Discrete Gaussian at pixel offsets d = −(n−1)..n−1 (index d + n − 1), normalised as spatstat
 * normalises its padded kernel: by the sum over the offsets −n..n−1 of its 2n × 2n FFT grid.
 * Offsets beyond the 12σ cut-off are 0.
 */
function gaussianWeights(n: number, sigmaPixels: number): Float64Array {
  const w = new Float64Array(2 * n - 1);
  const cut = GAUSSIAN_CUTOFF_SIGMAS * sigmaPixels;
  let sum = 0;
  for (let d = -n; d <= n - 1; d++) {
    const v = Math.abs(d) > cut ? 0 : Math.exp(-0.5 * (d / sigmaPixels) ** 2);
    sum += v;
    if (d > -n) w[d + n - 1] = v;
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / sum;
  return w;
}

function support(weights: Float64Array, n: number): number {
  let r = n - 1;
  while (r > 0 && weights[r + n - 1] === 0) r--;
  return r;
}

/**
 * Convolves each of `lines` consecutive signals of length `n` with the symmetric kernel `k`
 * (offsets −(n−1)..n−1), writing into `out` with the same layout. Two signals share one
 * complex FFT (one as the real part, one as the imaginary part: the kernel is real).
 */
function convolveLines(input: Float64Array, out: Float64Array, n: number, lines: number, k: Float64Array): void {
  const r = support(k, n);
  const size = nextPowerOfTwo(n + r);
  const fft = new Fft(size);
  // Spectrum of the kernel placed circularly (offset −d at size − d), in the forward
  // transform's bit-reversed order and with the inverse's 1/size folded in. It is real because
  // the kernel is even, so multiplying by it keeps the two packed signals apart.
  const kr = new Float64Array(size);
  const ki = new Float64Array(size);
  for (let d = -r; d <= r; d++) kr[(d + size) % size] = k[d + n - 1]! / size;
  fft.forward(kr, ki);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let line = 0; line < lines; line += 2) {
    const a = line * n;
    const b = (line + 1) * n;
    const second = line + 1 < lines;
    let any = false;
    for (let i = 0; i < n; i++) {
      const va = input[a + i]!;
      const vb = second ? input[b + i]! : 0;
      re[i] = va;
      im[i] = vb;
      if (va !== 0 || vb !== 0) any = true;
    }
    if (!any) continue; // out is zero-filled already
    re.fill(0, n);
    im.fill(0, n);
    fft.forward(re, im);
    for (let i = 0; i < size; i++) {
      re[i] = re[i]! * kr[i]!;
      im[i] = im[i]! * kr[i]!;
    }
    fft.inverse(re, im);
    for (let i = 0; i < n; i++) {
      out[a + i] = re[i]!;
      if (second) out[b + i] = im[i]!;
    }
  }
}

/** Rows, then columns (on a transposed copy, so that every pass reads memory in order). */
function separableConvolution(counts: Float64Array, ncol: number, nrow: number, kx: Float64Array, ky: Float64Array): Float64Array {
  const rows = new Float64Array(counts.length);
  convolveLines(counts, rows, ncol, nrow, kx);
  const columns = transpose(rows, ncol, nrow);
  convolveLines(columns, rows, nrow, ncol, ky);
  return transpose(rows, nrow, ncol);
}

/** Transpose of a row-major matrix with `width` columns and `height` rows, in cache-sized blocks. */
function transpose(input: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(input.length);
  const block = 32;
  for (let r0 = 0; r0 < height; r0 += block) {
    const r1 = Math.min(height, r0 + block);
    for (let c0 = 0; c0 < width; c0 += block) {
      const c1 = Math.min(width, c0 + block);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * height + r] = input[r * width + c]!;
    }
  }
  return out;
}

/** Edge mass of the separable kernel: e(col, row) = ex(col)·ey(row), ex(c) = Σ_{c'} kx(c − c'). */
function divideByEdgeMass(density: Float64Array, ncol: number, nrow: number, kx: Float64Array, ky: Float64Array): void {
  const ex = windowMass(kx, ncol);
  const ey = windowMass(ky, nrow);
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) density[row * ncol + col] = density[row * ncol + col]! / (ex[col]! * ey[row]!);
  }
}

function windowMass(k: Float64Array, n: number): Float64Array {
  // prefix sums of the kernel over offsets −(n−1)..n−1; mass at c covers offsets c−(n−1)..c
  const prefix = new Float64Array(k.length + 1);
  for (let i = 0; i < k.length; i++) prefix[i + 1] = prefix[i]! + k[i]!;
  const mass = new Float64Array(n);
  for (let c = 0; c < n; c++) mass[c] = prefix[c + n]! - prefix[c]!;
  return mass;
}

interface Stencil {
  radius: number;
  /** (2r+1)² values, row-major, offset (dx, dy) at (dy + r)·(2r+1) + dx + r; sums to 1. */
  values: Float64Array;
}

/** Quartic (biweight) kernel K(u) ∝ (1 − |u|²/h²)² for |u| < h (Silverman 1986, table 3.1). */
function quarticStencil(radiusPixels: number): Stencil {
  const r = Math.max(0, Math.ceil(radiusPixels) - (Number.isInteger(radiusPixels) ? 1 : 0));
  const side = 2 * r + 1;
  requireCellsWithinLimit('the quartic kernel', side * side, 25_000_000);
  const values = new Float64Array(side * side);
  let sum = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const u2 = (dx * dx + dy * dy) / (radiusPixels * radiusPixels);
      const v = u2 < 1 ? (1 - u2) ** 2 : 0;
      values[(dy + r) * side + dx + r] = v;
      sum += v;
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / sum;
  return { radius: r, values };
}

function spread(counts: Float64Array, ncol: number, nrow: number, stencil: Stencil): Float64Array {
  const out = new Float64Array(counts.length);
  const { radius: r, values } = stencil;
  const side = 2 * r + 1;
  for (let row = 0; row < nrow; row++) {
    for (let col = 0; col < ncol; col++) {
      const c = counts[row * ncol + col]!;
      if (c === 0) continue;
      const y0 = Math.max(0, row - r);
      const y1 = Math.min(nrow - 1, row + r);
      const x0 = Math.max(0, col - r);
      const x1 = Math.min(ncol - 1, col + r);
      for (let y = y0; y <= y1; y++) {
        const s = (y - row + r) * side - col + r;
        const o = y * ncol;
        for (let x = x0; x <= x1; x++) out[o + x] = out[o + x]! + c * values[s + x]!;
      }
    }
  }
  return out;
}

/** Kernel mass inside the raster at every pixel, from a summed-area table of the stencil. */
function divideByStencilMass(density: Float64Array, ncol: number, nrow: number, stencil: Stencil): void {
  const { radius: r, values } = stencil;
  const side = 2 * r + 1;
  const sat = new Float64Array((side + 1) * (side + 1));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      sat[(y + 1) * (side + 1) + x + 1] = values[y * side + x]! + sat[y * (side + 1) + x + 1]! + sat[(y + 1) * (side + 1) + x]! - sat[y * (side + 1) + x]!;
    }
  }
  // stencil index range [lo, hi) along one axis for offsets that stay inside 0..n−1
  const range = (p: number, n: number) => [Math.max(0, r - p), Math.min(side, r + n - p)] as const;
  for (let row = 0; row < nrow; row++) {
    const [ya, yb] = range(row, nrow);
    for (let col = 0; col < ncol; col++) {
      const [xa, xb] = range(col, ncol);
      const mass = sat[yb * (side + 1) + xb]! - sat[ya * (side + 1) + xb]! - sat[yb * (side + 1) + xa]! + sat[ya * (side + 1) + xa]!;
      density[row * ncol + col] = density[row * ncol + col]! / mass;
    }
  }
}
