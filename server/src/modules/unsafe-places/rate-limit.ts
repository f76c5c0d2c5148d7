import { AddressRateLimiter } from '../../platform/anonymity/address-rate-limiter.ts';
import type { AppContext } from '../../platform/http/context.ts';

const limiters = new WeakMap<AppContext, AddressRateLimiter>();

/** One submission budget per client address (held only as a keyed hash), shared by the web form and Open311. */
export function submissionLimiter(ctx: AppContext): AddressRateLimiter {
  let limiter = limiters.get(ctx);
  if (!limiter) limiters.set(ctx, (limiter = new AddressRateLimiter(10, 3_600_000)));
  return limiter;
}
