import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { CsvParser } from '../../../../analytics/src/csv.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, requireUser } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { Database, Tlp } from '../../platform/db/schema.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { isProblem, resolveColumns, toIncidentRow, type ImportProfile, type IncidentImportRow, type RowProblem } from './column-mapping.ts';
import * as q from './queries.ts';

export interface RejectedRow extends RowProblem {
  line: number;
}

/** Every record of the file is in exactly one of imported, updated, unchanged and rejected. */
export interface ImportReport {
  records: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export interface ImportIncidentsInput {
  /** The file's bytes or text, in order (a file stream). */
  source: AsyncIterable<string | Uint8Array>;
  ownerOrgId: string;
  tlp: Tlp;
  profile: ImportProfile;
  batchSize?: number;
  onProgress?: (report: Readonly<ImportReport>) => void;
}

const RECORD_TYPE = 'incident';

/**
 * Streams a CSV file of incidents into the owner organisation's records, in constant memory
 * (one batch at a time; only rejections are kept). Each batch is one transaction, so an import
 * stopped half-way keeps whole batches, and re-running the file (ids are stable) brings it to
 * exactly the state of an uninterrupted run. A bad row is rejected with its line; it never
 * stops the rest.
 */
export async function importIncidentsCsv(ctx: AppContext, actor: Actor, input: ImportIncidentsInput): Promise<ImportReport> {
  requireUser(actor);
  assertCanWriteFor(actor, input.ownerOrgId);
  if (input.profile.crs !== 'EPSG:4326') throw invalidField('profile.crs', 'imports.unsupported_crs', { crs: input.profile.crs });
  const owner = { orgId: input.ownerOrgId, userId: actor.userId };
  const mappings = await q.categoryMappings(ctx.db, input.ownerOrgId);
  const iccsOf = (category: string) => mappings.get(category);
  const batchSize = input.batchSize ?? 1000;

  const report: ImportReport = { records: 0, imported: 0, updated: 0, unchanged: 0, rejected: [] };
  let header: { index: Map<string, number>; width: number } | null = null;
  let batch = new Map<string, { row: IncidentImportRow; line: number }>();

  const flush = async () => {
    if (batch.size === 0) return;
    const pending = [...batch.values()];
    batch = new Map();
    await writeBatch(ctx, actor, owner, input.tlp, pending, report);
    input.onProgress?.(report);
  };

  const take = async (record: string[], line: number) => {
    if (!header) {
      const { index, missing } = resolveColumns(record, input.profile.columns);
      if (missing.length > 0) {
        throw new AppError('VALIDATION_FAILED', {}, missing.map((column) => ({ path: 'profile.columns', code: 'imports.missing_column', params: { column } })));
      }
      header = { index, width: record.length };
      return;
    }
    report.records++;
    const row = toIncidentRow(record, line, header.width, input.profile, header.index, input.tlp, iccsOf);
    if (isProblem(row)) {
      report.rejected.push({ line, ...row });
      return;
    }
    // A second row with the same id in one statement cannot be upserted: write the first one.
    if (batch.has(row.external_id)) await flush();
    batch.set(row.external_id, { row, line });
    if (batch.size >= batchSize) await flush();
  };

  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8');
  const feed = async (records: string[][]) => {
    const lines = parser.recordLines;
    for (let i = 0; i < records.length; i++) await take(records[i]!, lines[i]!);
  };
  for await (const chunk of input.source) {
    await feed(parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  }
  await feed(parser.push(decoder.decode()));
  await feed(parser.end());
  await flush();
  return report;
}

type Pending = { row: IncidentImportRow; line: number };
type Written = { inserted: string[]; updated: string[]; updatedIds: string[] };

/** Runs `write` under a savepoint: a refusal of the data undoes it alone and returns null. */
async function refusable<T>(trx: Transaction<Database>, write: () => Promise<T>): Promise<T | null> {
  await sql`savepoint import_rows`.execute(trx);
  try {
    const result = await write();
    await sql`release savepoint import_rows`.execute(trx);
    return result;
  } catch (err) {
    if (!refusesData(err)) throw err;
    await sql`rollback to savepoint import_rows`.execute(trx);
    return null;
  }
}

/**
 * Writes a batch in one transaction with its audit entry and one summary event for the
 * operations feed; if the database refuses the batch, row by row (each under a savepoint) to
 * find the culprits, still in that one transaction.
 */
async function writeBatch(ctx: AppContext, actor: Actor, owner: { orgId: string; userId: string }, tlp: Tlp, pending: Pending[], report: ImportReport) {
  const { written, refused } = await ctx.db.transaction().execute(async (trx) => {
    const upsert = (rows: Pending[]) => q.upsertImportedIncidents(trx, owner, rows.map((p) => p.row));
    let written: Written | null = await refusable(trx, () => upsert(pending));
    const refused: Pending[] = [];
    if (!written) {
      written = { inserted: [], updated: [], updatedIds: [] };
      for (const one of pending) {
        const single = await refusable(trx, () => upsert([one]));
        if (!single) refused.push(one);
        else for (const key of ['inserted', 'updated', 'updatedIds'] as const) written[key].push(...single[key]);
      }
    }
    await appendAudit(trx, actor, [
      {
        action: 'import',
        recordType: RECORD_TYPE,
        recordId: null,
        orgId: owner.orgId,
        diff: { firstLine: pending[0]!.line, lastLine: pending.at(-1)!.line, inserted: written.inserted.length, updated: written.updated.length },
      },
    ]);
    if (written.inserted.length + written.updated.length > 0) {
      // One summary per batch: a file of a million rows is a thousand events, not a million.
      await ctx.feed.publish(trx, {
        kind: 'incidents.imported',
        record: { type: 'incident_import', id: randomUUID() },
        marking: { tlp, ownerOrgId: owner.orgId, createdBy: owner.userId, sharingGroupIds: [], recipientUserIds: [] },
        data: { inserted: written.inserted.length, updated: written.updated.length },
      });
      await ctx.feed.remarkFromRecords(trx, RECORD_TYPE, 'incidents', written.updatedIds);
    }
    return { written, refused };
  });
  report.imported += written.inserted.length;
  report.updated += written.updated.length;
  report.unchanged += pending.length - refused.length - written.inserted.length - written.updated.length;
  for (const one of refused) report.rejected.push({ line: one.line, code: 'database_refused' });
}

/** PostgreSQL data exceptions (class 22) and integrity violations (23): the row, not the connection. */
const refusesData = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));
