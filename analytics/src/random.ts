/**
 * Seeded pseudo-random numbers for permutation tests: xoshiro128** (Blackman & Vigna 2018,
 * https://prng.di.unimi.it/), 32-bit state words so it runs on plain JS integers, seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Same seed, same results, on every engine.
 */
export interface Random {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform integer in [0, bound), bound ≤ 2^32, without modulo bias. */
  below(bound: number): number;
  /** Uniform double in [0, 1). */
  next(): number;
}

export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  // Lemire (2019), "Fast random integer generation in an interval" (ACM TOMACS 29(1)):
  // floor(r·bound / 2^32) with a rejection step that removes the bias of the plain product.
  // r·bound is exact in a double while bound < 2^21; larger bounds use rejection + modulo.
  const below = (bound: number): number => {
    if (bound <= 1) return 0;
    if (bound < 0x200000) {
      let m = nextUint32() * bound;
      let high = Math.floor(m * TWO_POW_MINUS_32);
      let low = m - high * 0x100000000; // m mod 2^32 without a floating-point modulo
      if (low < bound) {
        const threshold = 0x100000000 % bound;
        while (low < threshold) {
          m = nextUint32() * bound;
          high = Math.floor(m * TWO_POW_MINUS_32);
          low = m - high * 0x100000000;
        }
      }
      return high;
    }
    const limit = 0x100000000 - (0x100000000 % bound);
    for (;;) {
      const r = nextUint32();
      if (r < limit) return r % bound;
    }
  };

  return { nextUint32, below, next: () => nextUint32() / 0x100000000 };
}

const TWO_POW_MINUS_32 = 1 / 0x100000000;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, algorithm P). */
export function shuffleInPlace(values: { length: number; [i: number]: number }, random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const tmp = values[i]!;
    values[i] = values[j]!;
    values[j] = tmp;
  }
}
