import type { Actor } from '../auth/actor.ts';
import { mayRead, type Clearance } from '../access/policy.ts';
import type { Engine } from '../db/engine.ts';
import type { DeliveredEvent, EventBus } from '../events/event-bus.ts';
import { ClearanceDirectory } from './clearance-directory.ts';
import { FEED_CHANNEL, type FeedEvent, type SequencedFeedEvent } from './feed-event.ts';
import { feedAfter, feedHead } from './feed-queries.ts';

/** How a stream's caller signed in: the hub ends the stream when that ends. */
export interface FeedCredential {
  kind: 'session' | 'token';
  /** sha256 of the cookie or token, as in the auth events. */
  hash: string;
  expiresAt: Date | null;
}

export interface FeedSubscriberOptions {
  actor: Actor & { userId: string };
  credential: FeedCredential | null;
  /** Last-Event-ID: the position the client already has; null for "from now on". */
  after: number | null;
  send(event: FeedEvent): void;
  /** The client missed events that cannot be replayed: it should reload, then go on from `head`. */
  reset(head: number): void;
  /** The hub ended the stream (signed out, credential revoked, instance lost events). */
  end(): void;
  /** Who is behind the credential now; null when it is no longer valid. */
  reauthenticate(): Promise<(Actor & { userId: string }) | null>;
}

export interface FeedSubscription {
  close(): void;
}

const PAGE = 500;
/** Beyond this many missed events a reconnecting client reloads instead of replaying. */
export const MAX_REPLAY = 10_000;
const MAX_TIMER_MS = 24 * 3_600_000;

const publicEvent = ({ marking: _marking, ...event }: SequencedFeedEvent): FeedEvent => event;

/**
 * One stream's state: how far it has got (`cursor`, the position of the last event decided,
 * sent or not) and the clearance that decides in memory what it may receive. While the
 * clearance is being re-read (the actor's memberships or groups changed), new events wait, so
 * none is decided by a clearance that no longer holds.
 */
class Subscriber {
  cursor: number;
  live = false;
  closed = false;
  #refreshes = 0;
  #chain: Promise<void> = Promise.resolve();
  #held: SequencedFeedEvent[] = [];
  #expiry: NodeJS.Timeout | null = null;

  constructor(
    readonly options: FeedSubscriberOptions,
    public actor: Actor & { userId: string },
    public clearance: Clearance,
    start: number,
    private readonly onClose: (s: Subscriber) => void,
  ) {
    this.cursor = start;
    this.#armExpiry();
  }

  get key(): string {
    return ClearanceDirectory.keyOf(this.actor);
  }

  #armExpiry(): void {
    const expiresAt = this.options.credential?.expiresAt;
    if (!expiresAt) return;
    const wait = expiresAt.getTime() - Date.now();
    if (wait <= 0) return void this.end();
    this.#expiry = setTimeout(() => this.#armExpiry(), Math.min(wait, MAX_TIMER_MS));
    this.#expiry.unref();
  }

  /** Decides and sends events in order; each position is decided once. */
  deliver(events: readonly SequencedFeedEvent[]): void {
    for (const event of events) {
      if (this.closed) return;
      if (event.position <= this.cursor) continue;
      this.cursor = event.position;
      if (mayRead(this.clearance, event.marking)) this.options.send(publicEvent(event));
    }
  }

  offer(events: readonly SequencedFeedEvent[]): void {
    if (!this.live || this.closed) return;
    if (this.#refreshes > 0) this.#held.push(...events);
    else this.deliver(events);
  }

  /** Re-reads the clearance; events arriving meanwhile are held and decided by the new one. */
  refresh(load: () => Promise<{ actor: Actor & { userId: string }; clearance: Clearance } | null>): void {
    this.#refreshes++;
    this.#chain = this.#chain
      .then(async () => {
        if (this.closed) return;
        const next = await load().catch(() => null);
        if (!next) return this.end();
        this.actor = next.actor;
        this.clearance = next.clearance;
      })
      .finally(() => {
        if (--this.#refreshes > 0) return;
        const held = this.#held;
        this.#held = [];
        this.deliver(held);
      });
  }

  /** Resolves when no refresh is pending. */
  async settled(): Promise<void> {
    while (this.#refreshes > 0) await this.#chain;
  }

  /** Closed by the hub: tells the route to end the response. */
  end(): void {
    if (this.closed) return;
    this.close();
    this.options.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.#expiry) clearTimeout(this.#expiry);
    this.#held = [];
    this.onClose(this);
  }
}

/**
 * Delivers the operations feed of this instance to its open streams. On every new head
 * (NOTIFY from whichever instance sequenced it) it reads the new rows once and decides, for
 * each stream, in memory from the marking the event carries and the stream's clearance: no
 * query per event per connection. A reconnecting client (Last-Event-ID) is first replayed
 * from the table, then joins the live flow without gap or duplicate.
 */
export class FeedHub {
  #head = 0;
  #reading = false;
  #readAgain = false;
  #stopped = false;
  readonly #subscribers = new Set<Subscriber>();
  readonly #directory: ClearanceDirectory;
  #unlisten: (() => Promise<void>) | null = null;
  #unsubscribeBus: (() => void) | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly events: EventBus,
    private readonly onError: (err: unknown) => void,
  ) {
    this.#directory = new ClearanceDirectory(engine.db);
  }

  get head(): number {
    return this.#head;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  async start(): Promise<void> {
    this.#head = (await feedHead(this.engine.db)).position;
    this.#unlisten = await this.engine.listen(
      FEED_CHANNEL,
      (payload) => {
        if (Number(payload) > this.#head) this.#pull();
      },
      () => this.#lostNotifications(),
    );
    this.#unsubscribeBus = this.events.subscribe((event) => this.#onDomainEvent(event));
    this.#pull(); // whatever was sequenced between reading the head and listening
  }

  async subscribe(options: FeedSubscriberOptions): Promise<FeedSubscription> {
    const clearance = await this.#directory.clearance(options.actor);
    const { position: head, truncatedThrough } = await feedHead(this.engine.db);
    const after = options.after;
    const replayable = after !== null && after <= head && after >= truncatedThrough && head - after <= MAX_REPLAY;
    const subscriber = new Subscriber(options, options.actor, clearance, replayable ? after : head, (s) => this.#forget(s));
    this.#subscribers.add(subscriber);
    if (after !== null && !replayable) options.reset(head);
    void this.#replay(subscriber).catch((err) => {
      this.onError(err);
      subscriber.end();
    });
    return subscriber;
  }

  #forget(s: Subscriber): void {
    this.#subscribers.delete(s);
    this.#directory.retain(new Set([...this.#subscribers].map((other) => other.key)));
  }

  /** Reads the table from the subscriber's cursor until it has caught up with the live flow. */
  async #replay(s: Subscriber): Promise<void> {
    for (;;) {
      await s.settled();
      if (s.closed) return;
      const events = await feedAfter(this.engine.db, s.cursor, PAGE);
      if (s.closed) return;
      s.deliver(events);
      // Caught up: everything after the cursor will come through `offer` (the hub's reads).
      if (events.length < PAGE && s.cursor >= this.#head) {
        s.live = true;
        return;
      }
    }
  }

  #pull(): void {
    if (this.#stopped) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = true;
    void (async () => {
      try {
        do {
          this.#readAgain = false;
          let events: SequencedFeedEvent[];
          do {
            events = await feedAfter(this.engine.db, this.#head, PAGE);
            if (events.length === 0) break;
            this.#head = events.at(-1)!.position;
            for (const s of this.#subscribers) s.offer(events);
          } while (events.length === PAGE && !this.#stopped);
        } while (this.#readAgain && !this.#stopped);
      } catch (err) {
        if (!this.#stopped) this.onError(err);
      } finally {
        this.#reading = false;
      }
    })();
  }

  /** Who may see what changes with sessions, memberships and task forces: follow those events. */
  #onDomainEvent(event: DeliveredEvent): void {
    const tokenHash = typeof event.data?.tokenHash === 'string' ? event.data.tokenHash : null;
    if (event.type === 'auth.session_ended' || event.type === 'auth.token_revoked') {
      const kind = event.type === 'auth.session_ended' ? 'session' : 'token';
      for (const s of [...this.#subscribers]) if (s.options.credential?.kind === kind && s.options.credential.hash === tokenHash) s.end();
    } else if ((event.type === 'membership.changed' || event.type === 'user.changed') && event.recordId) {
      for (const s of this.#subscribers) {
        if (s.actor.userId !== event.recordId) continue;
        s.refresh(async () => {
          const actor = await s.options.reauthenticate();
          return actor ? { actor, clearance: await this.#directory.clearance(actor) } : null;
        });
      }
    } else if (event.type.startsWith('sharing_group.')) {
      const orgIds = event.orgIds ?? [];
      this.#directory.forgetOrgs(orgIds);
      for (const s of this.#subscribers) {
        if (!orgIds.some((o) => s.clearance.ntkOrgIds.has(o))) continue;
        s.refresh(async () => ({ actor: s.actor, clearance: await this.#directory.clearance(s.actor) }));
      }
    }
  }

  /**
   * The notification connection dropped and came back: membership and group changes may have
   * been missed, so streams end and their clients resume (Last-Event-ID) with fresh clearances.
   */
  #lostNotifications(): void {
    this.#directory.clear();
    for (const s of [...this.#subscribers]) s.end();
    this.#pull();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribeBus?.();
    await this.#unlisten?.();
    for (const s of [...this.#subscribers]) s.end();
  }
}
