import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { primaryOrgId } from '../auth/actor.ts';
import type { Db } from '../db/engine.ts';
import type { Database, Tlp } from '../db/schema.ts';
import { RESTRICTED_TLP } from '../access/policy.ts';
import { EVENTS_CHANNEL, eventPayload, type DomainEvent } from '../events/event-bus.ts';

export type Executor = Db | Transaction<Database> | Kysely<Database>;

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string | null;
  /** Organisation the action is done for; defaults to the actor's primary organisation. */
  orgId?: string | null;
  diff?: Record<string, unknown> | null;
}

const SECRET_KEY = /pass(word|phrase)?|secret|token|hash|authorization|cookie/i;

/** Replaces values of secret-looking keys, at any depth, before they reach the log. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? '***' : maskSecrets(inner)]),
    );
  }
  return value;
}

/** The changed fields of an update, as {field: {from, to}}. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from: from ?? null, to: to ?? null };
  }
  return diff;
}

/** The current hour: anonymous actors' entries are timed no more precisely than this. */
export const currentHour = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();

function auditRows(actor: Actor, entries: AuditEntry[]) {
  const anonymous = actor.reporter === true;
  return entries.map((entry) => ({
    ...(anonymous ? { at: currentHour() } : {}),
    actor_user_id: actor.userId,
    actor_org_id: entry.orgId === undefined ? primaryOrgId(actor) : entry.orgId,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    // A reporter's request id would let the entry be matched to access logs.
    request_id: anonymous ? null : actor.requestId,
    diff: entry.diff ? JSON.stringify(maskSecrets(entry.diff)) : null,
  }));
}

type AuditRow = ReturnType<typeof auditRows>[number];

/**
 * Writes a transaction's audit entries (queued for hash-chaining) and its events in one
 * statement, the last before COMMIT: a rolled-back write leaves neither, a committed one
 * always has both, and the events leave only on commit.
 */
async function writeJournal(db: Executor, rows: AuditRow[], events: DomainEvent[]): Promise<void> {
  const notifications = events.map((event, i) => sql`pg_notify(${EVENTS_CHANNEL}, ${eventPayload(event)})`.as(`n${i}`));
  if (rows.length === 0) {
    if (notifications.length > 0) await db.selectNoFrom(notifications).execute();
    return;
  }
  await db
    .with('appended', (q) => q.insertInto('audit_log').values(rows).returning('seq'))
    .with('pending', (q) => q.insertInto('audit_pending').columns(['seq']).expression((eb) => eb.selectFrom('appended').select('seq')).returning('seq'))
    .selectNoFrom([sql<number>`(select count(*) from pending)`.as('audited'), ...notifications])
    .execute();
}

/** Records a change: its audit entries and the events it announces, in the caller's transaction. */
export async function journal(db: Executor, actor: Actor, change: { audit: AuditEntry[]; events?: DomainEvent[] }): Promise<void> {
  await writeJournal(db, auditRows(actor, change.audit), change.events ?? []);
}

/** Appends audit entries in the caller's transaction. */
export async function appendAudit(db: Executor, actor: Actor, entries: AuditEntry[]): Promise<void> {
  await writeJournal(db, auditRows(actor, entries), []);
}

/**
 * Audit entries of reads, group-committed: requests arriving while a batch is being written
 * wait for the next batch, so many concurrent reads share one INSERT and one commit. Each
 * caller resolves only once its entries are durable, so no restricted record is returned
 * before its read is on record.
 */
export class ReadAuditLog {
  #queue: { rows: AuditRow[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  #flushing = false;
  static readonly MAX_ROWS_PER_BATCH = 2000;

  constructor(private readonly db: Db) {}

  /** One entry per restricted (AMBER, AMBER+STRICT, RED) record among those read. */
  recordReads(actor: Actor, recordType: string, records: readonly { id: string; tlp: Tlp }[]): Promise<void> {
    const restricted = records.filter((r) => RESTRICTED_TLP.includes(r.tlp));
    if (restricted.length === 0) return Promise.resolve();
    const rows = auditRows(
      actor,
      restricted.map((r) => ({ action: 'read', recordType, recordId: r.id, diff: { tlp: r.tlp } })),
    );
    return new Promise((resolve, reject) => {
      this.#queue.push({ rows, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        let rowCount = 0;
        let take = 0;
        while (take < this.#queue.length && (take === 0 || rowCount + this.#queue[take]!.rows.length <= ReadAuditLog.MAX_ROWS_PER_BATCH)) {
          rowCount += this.#queue[take]!.rows.length;
          take += 1;
        }
        const batch = this.#queue.splice(0, take);
        try {
          await writeJournal(this.db, batch.flatMap((b) => b.rows), []);
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
