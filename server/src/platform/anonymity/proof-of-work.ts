import { createHash, createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../auth/secrets.ts';
import { AppError } from '../errors/app-error.ts';

/** The request header that carries a solved challenge: `<challenge>.<counter>`. */
export const PROOF_HEADER = 'x-alianza-proof';

export interface IssuedChallenge {
  challenge: string;
  bits: number;
  expiresAt: Date;
}

/** Leading zero bits of a hash (SHA-256: 0 to 256). */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** SHA-256 of the challenge text immediately followed by the counter in decimal. */
export const proofHash = (challenge: string, counter: string) => createHash('sha256').update(challenge + counter).digest();

const invalid = (reason: 'invalid' | 'expired' | 'reused' | 'too_easy') =>
  new AppError('PROOF_OF_WORK_INVALID', {}, [{ path: PROOF_HEADER, code: `proof_of_work.${reason}` }]);

/**
 * Optional proof of work for anonymous submissions, switched on by a deployment under attack
 * (ALIANZA_PROOF_OF_WORK_BITS > 0). Challenges are stateless: a random nonce, the difficulty
 * and the expiry, signed with an HMAC whose key all instances share through the database and
 * hold in memory. The server remembers only the nonces already spent, in memory, until they
 * expire; nothing about the client is asked, kept or logged.
 */
export class ProofOfWork {
  readonly #spent = new Map<string, number>();

  constructor(
    readonly bits: number,
    private readonly key: () => Promise<string>,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get required(): boolean {
    return this.bits > 0;
  }

  async issue(): Promise<IssuedChallenge | null> {
    if (!this.required) return null;
    const nonce = randomBytes(16).toString('base64url');
    const expires = Math.ceil((this.now() + this.ttlMs) / 1000);
    const payload = `${nonce}.${this.bits}.${expires}`;
    return { challenge: `${payload}.${await this.#sign(payload)}`, bits: this.bits, expiresAt: new Date(expires * 1000) };
  }

  /** Accepts a solved, unexpired, unspent challenge of at least the current difficulty, once; otherwise throws a 4xx. */
  async verify(proof: string | undefined): Promise<void> {
    if (!this.required) return;
    if (!proof) throw new AppError('PROOF_OF_WORK_REQUIRED');
    const match = /^([A-Za-z0-9_-]{22})\.(\d{1,2})\.(\d{10,11})\.([A-Za-z0-9_-]{43})\.(\d{1,16})$/.exec(proof);
    if (!match) throw invalid('invalid');
    const [, nonce, bits, expires, signature, counter] = match as unknown as [string, string, string, string, string, string];
    const payload = `${nonce}.${bits}.${expires}`;
    if (!safeEqual(signature, await this.#sign(payload))) throw invalid('invalid');
    if (Number(bits) < this.bits) throw invalid('too_easy');
    const expiresMs = Number(expires) * 1000;
    const now = this.now();
    if (expiresMs <= now) throw invalid('expired');
    if (leadingZeroBits(proofHash(`${payload}.${signature}`, counter)) < Number(bits)) throw invalid('invalid');
    // No await from here on: checking and spending the nonce is one step, even under concurrency.
    this.#forgetExpired(now);
    if (this.#spent.has(nonce)) throw invalid('reused');
    this.#spent.set(nonce, expiresMs);
  }

  async #sign(payload: string): Promise<string> {
    return createHmac('sha256', await this.key()).update(`proof-of-work\n${payload}`).digest('base64url');
  }

  /** Nonces are spent in roughly the order they expire: stop at the first still valid. */
  #forgetExpired(now: number): void {
    for (const [nonce, expires] of this.#spent) {
      if (expires > now) return;
      this.#spent.delete(nonce);
    }
  }
}
