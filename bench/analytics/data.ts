// Inputs of `npm run bench:analytics`, generated from a seed so every run (and R) sees the same
// numbers. They follow the recipes of shared/reference/README.md's speed anchors.
import { createRandom, type Random } from '../../analytics/src/random.ts';

function normal(random: Random): number {
  // Box–Muller; u in (0, 1] so the logarithm is finite
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson variate by inversion of the cumulative distribution (fine for the small means here). */
function poisson(random: Random, mean: number): number {
  const u = random.next();
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** side × side counts: Poisson with mean 0.5 plus five Gaussian bumps (amplitude 5–20, sd 2–8 % of the side). */
export function gridCounts(side: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const bumps = Array.from({ length: 5 }, () => ({
    x: random.next() * side,
    y: random.next() * side,
    amplitude: 5 + 15 * random.next(),
    sd: side * (0.02 + 0.06 * random.next()),
  }));
  const counts = new Float64Array(side * side);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      let mean = 0.5;
      for (const b of bumps) mean += b.amplitude * Math.exp(-((col + 0.5 - b.x) ** 2 + (row + 0.5 - b.y) ** 2) / (2 * b.sd * b.sd));
      counts[row * side + col] = poisson(random, mean);
    }
  }
  return counts;
}

/** n points in the unit square: 90 % from eight Gaussians (sd 0.01–0.08), 10 % uniform. */
export function mixturePoints(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const random = createRandom(seed);
  const centres = Array.from({ length: 8 }, () => ({ x: 0.1 + 0.8 * random.next(), y: 0.1 + 0.8 * random.next(), sd: 0.01 + 0.07 * random.next() }));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (;;) {
      let px: number;
      let py: number;
      if (random.next() < 0.1) {
        px = random.next();
        py = random.next();
      } else {
        const c = centres[random.below(8)]!;
        px = c.x + c.sd * normal(random);
        py = c.y + c.sd * normal(random);
      }
      if (px >= 0 && px <= 1 && py >= 0 && py <= 1) {
        x[i] = px;
        y[i] = py;
        break;
      }
    }
  }
  return { x, y };
}
