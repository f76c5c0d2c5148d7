import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { markingOf } from '../../platform/access/distribution.ts';
import type { Database } from '../../platform/db/schema.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { IncidentImportRow } from './column-mapping.ts';
import { candidatesFor, mergeBatch, type AreaCandidate, type MergeTarget } from './bulk-merge.ts';
import { remarkedIncidentIds } from './queries.ts';

export interface Pending {
  row: IncidentImportRow;
  ref: number;
  values: string[];
}

export type BatchTarget = MergeTarget;

const RECORD_TYPE = 'incident';

/**
 * One summary event per written batch in the operations feed (a file of a million rows is a
 * few hundred events, not a million), and earlier events of re-marked incidents re-marked.
 */
async function announce(ctx: AppContext, trx: Transaction<Database>, target: BatchTarget, batch: IncidentImportRow[], written: { inserted: number; updated: number }) {
  const record = { tlp: batch[0]!.tlp, owner_org_id: target.orgId, created_by: target.userId };
  await ctx.feed.publish(trx, {
    kind: 'incidents.imported',
    record: { type: 'incident_import', id: randomUUID() },
    marking: markingOf(record, { sharingGroupIds: target.sharingGroupIds, recipientUserIds: target.recipientUserIds }),
    data: { inserted: written.inserted, updated: written.updated },
  });
  if (written.updated > 0) {
    const remarked = await remarkedIncidentIds(trx, target, batch.map((r) => r.external_id));
    await ctx.feed.remarkFromRecords(trx, RECORD_TYPE, 'incidents', remarked);
  }
}

/**
 * Writes a batch in one transaction with one audit entry (its first and last line and how
 * many rows it inserted and updated). If the database refuses the batch, it is split in halves
 * until the refused rows are found; they are returned, the others are written.
 */
export async function writeBatch(ctx: AppContext, actor: Actor, target: BatchTarget, pending: Pending[], areas: AreaCandidate[]) {
  const result = { inserted: 0, updated: 0, refused: [] as Pending[] };
  const write = (rows: Pending[]) =>
    ctx.db.transaction().execute(async (trx) => {
      const batch = rows.map((p) => p.row);
      const written = await mergeBatch(trx, target, batch, candidatesFor(batch, areas));
      await appendAudit(trx, actor, [
        {
          action: 'import',
          recordType: RECORD_TYPE,
          recordId: null,
          orgId: target.orgId,
          diff: { source: target.source, firstRef: rows[0]!.ref, lastRef: rows.at(-1)!.ref, rows: rows.length, inserted: written.inserted, updated: written.updated },
        },
      ]);
      if (written.inserted + written.updated > 0) await announce(ctx, trx, target, batch, written);
      return written;
    });
  const attempt = async (rows: Pending[]): Promise<void> => {
    try {
      const written = await write(rows);
      result.inserted += written.inserted;
      result.updated += written.updated;
    } catch (err) {
      if (!refusesData(err)) throw err;
      if (rows.length === 1) {
        result.refused.push(rows[0]!);
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await attempt(rows.slice(0, half));
      await attempt(rows.slice(half));
    }
  };
  await attempt(pending);
  return result;
}

/** PostgreSQL data exceptions (class 22) and integrity violations (23): the row, not the connection. */
const refusesData = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));
