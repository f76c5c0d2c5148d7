import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';

const DAY_MS = 86_400_000;

/**
 * Abuse control for anonymous endpoints without keeping anyone's address: each address is
 * counted under an HMAC with a key that exists only in this process's memory and is
 * replaced every day, so the counters cannot be linked to an address, by anyone, afterwards.
 * Counters are per instance (several instances each allow the limit).
 */
export class AddressRateLimiter {
  #key = randomBytes(32);
  #keyDay = Math.floor(Date.now() / DAY_MS);
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request from `address` for `purpose`; 429 when over the limit. */
  hit(purpose: string, address: string): void {
    const now = Date.now();
    const day = Math.floor(now / DAY_MS);
    if (day !== this.#keyDay) {
      this.#key = randomBytes(32);
      this.#keyDay = day;
      this.#hits.clear();
    }
    const key = createHmac('sha256', this.#key).update(`${purpose}\n${address}`).digest('base64url');
    const recent = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      const seconds = Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
      throw new AppError('TOO_MANY_REQUESTS', { seconds }, [], { retryAfterSeconds: seconds });
    }
    recent.push(now);
    this.#hits.set(key, recent);
    if (this.#hits.size > 100_000) this.#hits.delete(this.#hits.keys().next().value!);
  }
}
