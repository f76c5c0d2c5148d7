import { sql } from 'kysely';
import type { Engine } from '../db/engine.ts';
import type { Executor } from '../audit/audit-log.ts';

export const EVENTS_CHANNEL = 'alianza_events';

/**
 * A domain event. Payloads carry identifiers and markings, never record content: consumers
 * re-read through the access policy, and NOTIFY payloads are limited to 8,000 bytes.
 */
export interface DomainEvent {
  type: string;
  recordType?: string;
  recordId?: string;
  orgIds?: string[];
  data?: Record<string, string | number | boolean | null>;
}

export interface DeliveredEvent extends DomainEvent {
  at: string;
}

type Handler = (event: DeliveredEvent) => void;

/** The NOTIFY payload of an event. */
export const eventPayload = (event: DomainEvent): string => JSON.stringify({ ...event, at: new Date().toISOString() });

/**
 * Events travel through PostgreSQL NOTIFY, so they are delivered only when the publishing
 * transaction commits and reach every server instance (LISTEN), on PGlite in-process.
 */
export class EventBus {
  readonly #handlers = new Set<Handler>();
  readonly #gapHandlers = new Set<() => void>();
  #unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly engine: Engine) {}

  async start(): Promise<void> {
    this.#unlisten = await this.engine.listen(EVENTS_CHANNEL, (payload) => {
      let event: DeliveredEvent;
      try {
        event = JSON.parse(payload) as DeliveredEvent;
      } catch {
        return;
      }
      for (const handler of this.#handlers) handler(event);
    }, () => {
      for (const handler of this.#gapHandlers) handler();
    });
  }

  /** Called when events may have been missed; subscribers holding derived state reset it. */
  onGap(handler: () => void): void {
    this.#gapHandlers.add(handler);
  }

  async publish(db: Executor, event: DomainEvent): Promise<void> {
    await sql`select pg_notify(${EVENTS_CHANNEL}, ${eventPayload(event)})`.execute(db);
  }

  subscribe(handler: Handler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#handlers.clear();
  }
}
