import type { EventBus } from '../events/event-bus.ts';
import type { Membership } from './actor.ts';

export interface CachedPrincipal {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: Membership[];
  /** Token scopes; absent for sessions. */
  scopes?: string[];
  /** Session only. */
  csrfToken?: string;
  /** When the session or token expires (null: a token without expiry). */
  expiresAt?: Date | null;
}

/**
 * Who is behind a session or token, kept in memory for a few seconds so that a busy client
 * does not cost one database round trip per request. Entries are dropped at once on this
 * instance when a session ends, a token is revoked or a membership changes, and on other
 * instances when the event reaches them (milliseconds; after a lost LISTEN connection the
 * whole cache is cleared). The TTL bounds staleness if an event is ever missed.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, { principal: CachedPrincipal; until: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): CachedPrincipal | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (entry.until < now || (entry.principal.expiresAt && entry.principal.expiresAt.getTime() <= now)) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  set(key: string, principal: CachedPrincipal): void {
    if (this.ttlMs <= 0) return;
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { principal, until: Date.now() + this.ttlMs });
  }

  forgetSession(tokenHash: string): void {
    this.#entries.delete(`session:${tokenHash}`);
  }

  forgetToken(tokenHash: string): void {
    this.#entries.delete(`token:${tokenHash}`);
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.#entries) if (entry.principal.userId === userId) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Follows the events that invalidate entries, from every instance. */
  follow(events: EventBus): void {
    events.subscribe((event) => {
      const tokenHash = typeof event.data?.tokenHash === 'string' ? event.data.tokenHash : null;
      if (event.type === 'auth.session_ended' && tokenHash) this.forgetSession(tokenHash);
      else if (event.type === 'auth.token_revoked' && tokenHash) this.forgetToken(tokenHash);
      else if ((event.type === 'membership.changed' || event.type === 'user.changed') && event.recordId) this.forgetUser(event.recordId);
    });
    events.onGap(() => this.clear());
  }
}
