/**
 * SHA-256 for the proof-of-work search: synchronous and allocation-free per attempt (the
 * browser's crypto.subtle is asynchronous, and its per-call cost is far larger than the hash).
 * The full blocks of the challenge are compressed once; each counter then costs one or two
 * compressions of the tail.
 */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Compresses one 64-byte block (at `offset` of `bytes`) into `state`. `w` is scratch space of 64 words. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    w[i] = (w[i - 16]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[i - 7]! + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10))) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Hashes `prefix` followed by a decimal counter, many times: returns a function from the
 * counter to the digest's 8 words (big-endian; the same array is reused between calls).
 */
export function prefixHasher(prefix: string): (counter: number) => Int32Array {
  const bytes = new TextEncoder().encode(prefix);
  const full = bytes.length - (bytes.length % 64);
  const midstate = INITIAL.slice();
  const w = new Int32Array(64);
  for (let offset = 0; offset < full; offset += 64) compress(midstate, bytes, offset, w);
  const tailLength = bytes.length - full;
  const tail = new Uint8Array(128); // tail (< 64) + counter (<= 16 digits) + padding: at most 2 blocks
  const state = new Int32Array(8);
  return (counter: number) => {
    tail.fill(0);
    tail.set(bytes.subarray(full));
    const digits = String(counter);
    for (let i = 0; i < digits.length; i++) tail[tailLength + i] = digits.charCodeAt(i);
    const used = tailLength + digits.length;
    tail[used] = 0x80;
    const blocks = used + 9 <= 64 ? 1 : 2;
    const bitLength = (bytes.length + digits.length) * 8;
    const end = blocks * 64;
    tail[end - 4] = bitLength >>> 24;
    tail[end - 3] = bitLength >>> 16;
    tail[end - 2] = bitLength >>> 8;
    tail[end - 1] = bitLength;
    state.set(midstate);
    for (let b = 0; b < blocks; b++) compress(state, tail, b * 64, w);
    return state;
  };
}

/** The first counter in [start, end) whose hash has `bits` (at most 32) leading zero bits, or null. */
export function searchCounter(challenge: string, bits: number, start: number, end: number): number | null {
  const hashOf = prefixHasher(challenge);
  for (let counter = start; counter < end; counter++) {
    const first = hashOf(counter)[0]!;
    if (bits === 0 || Math.clz32(first) >= bits) return counter;
  }
  return null;
}
