import { CsvParser } from '../../../../analytics/src/csv.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, requireUser } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { Tlp } from '../../platform/db/schema.ts';
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
    await writeBatch(ctx, actor, owner, pending, report);
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

/** Writes a batch in one transaction; if the database refuses it, row by row to find the culprits. */
async function writeBatch(ctx: AppContext, actor: Actor, owner: { orgId: string; userId: string }, pending: Pending[], report: ImportReport) {
  const write = (rows: Pending[]) =>
    ctx.db.transaction().execute(async (trx) => {
      const written = await q.upsertImportedIncidents(trx, owner, rows.map((p) => p.row));
      await appendAudit(trx, actor, [
        {
          action: 'import',
          recordType: RECORD_TYPE,
          recordId: null,
          orgId: owner.orgId,
          diff: { firstLine: rows[0]!.line, lastLine: rows.at(-1)!.line, inserted: written.inserted.length, updated: written.updated.length },
        },
      ]);
      return written;
    });
  const count = (rows: number, written: { inserted: string[]; updated: string[] }) => {
    report.imported += written.inserted.length;
    report.updated += written.updated.length;
    report.unchanged += rows - written.inserted.length - written.updated.length;
  };
  try {
    count(pending.length, await write(pending));
  } catch (err) {
    if (!refusesData(err)) throw err;
    for (const one of pending) {
      try {
        count(1, await write([one]));
      } catch (rowErr) {
        if (!refusesData(rowErr)) throw rowErr;
        report.rejected.push({ line: one.line, code: 'database_refused' });
      }
    }
  }
}

/** PostgreSQL data exceptions (class 22) and integrity violations (23): the row, not the connection. */
const refusesData = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown }).code ?? ''));
