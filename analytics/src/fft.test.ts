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

  it('gives the DFT in bit-reversed order', () => {
    const fft = new Fft(8);
    const re = Float64Array.from([1, 2, 3, 4, 0, 0, 0, 0]);
    const im = new Float64Array(8);
    fft.forward(re, im);
    for (let k = 0; k < 8; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < 4; j++) {
        sr += (j + 1) * Math.cos((-2 * Math.PI * j * k) / 8);
        si += (j + 1) * Math.sin((-2 * Math.PI * j * k) / 8);
      }
      expect(re[fft.bitReversed(k)]).toBeCloseTo(sr, 12);
      expect(im[fft.bitReversed(k)]).toBeCloseTo(si, 12);
    }
  });
});
