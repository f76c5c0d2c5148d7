import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema.ts';
import { createHash } from 'node:crypto';

/** The fields of an audit entry that its chain link commits to: all of them. */
export type ChainedFields = Selectable<AuditLogTable>;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function linkHash(prevHash: string, position: number, entry: ChainedFields): string {
  const body = canonicalJson({
    position,
    seq: entry.seq,
    at: entry.at,
    actor_user_id: entry.actor_user_id,
    actor_org_id: entry.actor_org_id,
    action: entry.action,
    record_type: entry.record_type,
    record_id: entry.record_id,
    request_id: entry.request_id,
    diff: entry.diff,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
