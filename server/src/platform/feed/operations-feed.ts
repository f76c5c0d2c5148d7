import type { Executor } from '../audit/audit-log.ts';
import type { Marking } from '../access/policy.ts';
import type { Engine } from '../db/engine.ts';
import type { EventBus } from '../events/event-bus.ts';
import { publishFeedEvents, remarkFeedEvents, remarkFeedEventsFromRecords, type FeedEventInput } from './feed-event.ts';
import { FeedHub } from './feed-hub.ts';
import { FeedSequencer } from './sequencer.ts';

/**
 * The operations feed as modules see it (`ctx.feed`): `publish` inside the transaction of a
 * change, `remark` when a record's marking changes. Each instance also runs the sequencer
 * (positions in commit order) and the hub (delivery to this instance's streams).
 */
export class OperationsFeed {
  readonly hub: FeedHub;
  readonly #sequencer: FeedSequencer;

  constructor(engine: Engine, events: EventBus, onError: (err: unknown) => void) {
    this.hub = new FeedHub(engine, events, onError);
    this.#sequencer = new FeedSequencer(engine, onError);
  }

  /** Adds events to the feed in the caller's transaction; they are delivered after commit. */
  publish(db: Executor, events: FeedEventInput | readonly FeedEventInput[]): Promise<void> {
    return publishFeedEvents(db, Array.isArray(events) ? events : [events as FeedEventInput]);
  }

  /** Gives a record's earlier events its new marking (call it where the marking changes). */
  remark(db: Executor, record: { type: string; id: string }, marking: Marking): Promise<void> {
    return remarkFeedEvents(db, record, marking);
  }

  /** `remark` for many records of one table at once, from their rows and distribution tables. */
  remarkFromRecords(db: Executor, recordType: string, table: 'incidents', ids: readonly string[]): Promise<void> {
    return remarkFeedEventsFromRecords(db, recordType, table, ids);
  }

  async start(): Promise<void> {
    await this.hub.start();
    await this.#sequencer.start();
  }

  async stop(): Promise<void> {
    await this.#sequencer.stop();
    await this.hub.stop();
  }
}
