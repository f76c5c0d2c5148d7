import { describe, expect, it } from 'vitest';
import { Fft } from './fft.ts';
import { createRandom } from './random.ts';

describe('FFT for convolution', () => {
  it('forward then inverse returns the input (1/N applied by the caller)', () => {
    const random = createRandom(1);
    const fft = new Fft(64);
    const x = Float64Array.from({ length: 40 }, () => random.next());
    const re = new Float64Array(64);
    const im = new Float64Array(64);
    re.set(x);
    fft.forward(re, im);
    fft.inverse(re, im);
    for (let i = 0; i < 40; i++) expect(re[i]! / 64).toBeCloseTo(x[i]!, 12);
  });

  for (const size of [2, 4, 8, 16, 32]) {
    it(`gives the DFT in bit-reversed order (size ${size}, ${Math.log2(size) % 2 ? 'with' : 'without'} a radix-2 stage)`, () => {
      const random = createRandom(size);
      const fft = new Fft(size);
      const xr = Float64Array.from({ length: size }, () => random.next() - 0.5);
      const xi = Float64Array.from({ length: size }, () => random.next() - 0.5);
      const re = xr.slice();
      const im = xi.slice();
      fft.forward(re, im);
      for (let k = 0; k < size; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < size; j++) {
          const angle = (-2 * Math.PI * j * k) / size;
          sr += xr[j]! * Math.cos(angle) - xi[j]! * Math.sin(angle);
          si += xr[j]! * Math.sin(angle) + xi[j]! * Math.cos(angle);
        }
        expect(re[fft.bitReversed(k)]).toBeCloseTo(sr, 12);
        expect(im[fft.bitReversed(k)]).toBeCloseTo(si, 12);
      }
      fft.inverse(re, im);
      for (let j = 0; j < size; j++) {
        expect(re[j]! / size).toBeCloseTo(xr[j]!, 12);
        expect(im[j]! / size).toBeCloseTo(xi[j]!, 12);
      }
    });
  }
});
