import type { Actor } from '../auth/actor.ts';
import { primaryOrgId } from '../auth/actor.ts';
import type { Db } from '../db/engine.ts';
import type { Tlp } from '../db/schema.ts';
import { RESTRICTED_TLP } from '../access/policy.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

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

/**
 * Appends entries in the caller's transaction (so a rolled-back write leaves no entry and
 * a committed one always has its entry) and queues them for hash-chaining, in one statement.
 */
export async function appendAudit(db: Executor, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    actor_user_id: actor.userId,
    actor_org_id: entry.orgId === undefined ? primaryOrgId(actor) : entry.orgId,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    request_id: actor.requestId,
    diff: entry.diff ? JSON.stringify(maskSecrets(entry.diff)) : null,
  }));
  await db
    .with('appended', (q) => q.insertInto('audit_log').values(rows).returning('seq'))
    .insertInto('audit_pending')
    .columns(['seq'])
    .expression((eb) => eb.selectFrom('appended').select('seq'))
    .execute();
}

/** Records that the actor read restricted (AMBER, AMBER+STRICT, RED) records; one entry each. */
export async function auditReads(
  db: Executor,
  actor: Actor,
  recordType: string,
  records: readonly { id: string; tlp: Tlp; owner_org_id?: string }[],
): Promise<void> {
  const restricted = records.filter((r) => RESTRICTED_TLP.includes(r.tlp));
  await appendAudit(
    db,
    actor,
    restricted.map((r) => ({ action: 'read', recordType, recordId: r.id, diff: { tlp: r.tlp } })),
  );
}
