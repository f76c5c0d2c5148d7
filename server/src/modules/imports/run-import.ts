import type { Actor } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, type Distribution } from '../../platform/access/distribution.ts';
import type { IncidentSource, Tlp } from '../../platform/db/schema.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { isProblem, toIncidentRow, type IncidentImportRow, type RowContext, type RowProblem } from './column-mapping.ts';
import { findCrs, toWgs84 } from './crs/crs.ts';
import { openCsvSource } from './csv-source.ts';
import { openGeoJsonSource } from './geojson-source.ts';
import { checkSample, SAMPLE_SIZE } from './preflight.ts';
import { mappedColumns, xColumn, yColumn, type ImportProfile } from './profile.ts';
import * as q from './queries.ts';
import type { RecordSource, SourceRecord } from './source-record.ts';
import { areaCandidates } from './bulk-merge.ts';
import { writeBatch, type BatchTarget, type Pending } from './write-batch.ts';

/** Every record of the file is in exactly one of imported, updated, unchanged and rejected. */
export interface ImportCounts {
  records: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** A record that was not imported: where it is in the file, why, and its values as read. */
export interface Rejection extends RowProblem {
  ref: number;
  values: string[];
}

export interface RunImportInput {
  /** The file's bytes, in order (a file or upload stream). */
  file: AsyncIterable<string | Uint8Array>;
  profile: ImportProfile;
  ownerOrgId: string;
  /** The incidents' `source`; with the external id, the key of idempotent re-runs. */
  source?: IncidentSource;
  tlp: Tlp;
  /** Sharing groups (AMBER) or named recipients (RED) of every imported incident. */
  distribution?: Distribution;
  batchSize?: number;
  /** Connections writing batches at once (default: 2 on PostgreSQL, 1 on PGlite's single connection). */
  writers?: number;
  /** After each batch is committed. */
  onProgress?: (counts: Readonly<ImportCounts>) => void | Promise<void>;
  /** Each rejected record, in file order (the error report); only counts are kept in memory. */
  onRejected?: (rejection: Rejection) => void | Promise<void>;
  /** Once the file is open: what a rejection's `ref` counts and the columns of its values (the error report's header). */
  onSource?: (refKind: 'line' | 'feature', header: string[]) => void;
  /** Stops between batches: what was committed stays, a re-run completes it. */
  signal?: AbortSignal;
}

export interface ImportOutcome {
  counts: ImportCounts;
  /** The file's header (CSV) or the properties read (GeoJSON): the columns of the error report. */
  header: string[];
  refKind: 'line' | 'feature';
  cancelled: boolean;
}

export const DEFAULT_BATCH_SIZE = 5000;

/** Opens the file as records of its format; null for an empty file. */
async function openSource(input: RunImportInput): Promise<RecordSource | null> {
  const format = input.profile.format ?? 'csv';
  if (format === 'csv') return openCsvSource(input.file, input.profile.delimiter);
  if (format === 'geojson') {
    const c = input.profile.columns;
    return openGeoJsonSource(input.file, mappedColumns(c).filter((name) => name !== xColumn(c) && name !== yColumn(c)));
  }
  throw invalidField('profile.format', 'imports.unsupported_format', { format });
}

/**
 * Streams a file of incidents into the owner organisation's records in constant memory: one
 * batch at a time, each one transaction with one audit entry, so an import stopped half-way
 * keeps whole batches and re-running the file (ids are stable) brings it to exactly the state
 * of an uninterrupted run. Problems of the whole file (unknown CRS, missing columns, dates in
 * another format, swapped axes, coordinates outside the jurisdiction) are refused before any
 * row is written; a bad row is rejected with its line and never stops the rest.
 */
export async function runImport(ctx: AppContext, actor: Actor, input: RunImportInput): Promise<ImportOutcome> {
  requireUser(actor);
  assertCanWriteFor(actor, input.ownerOrgId);
  if (input.distribution) await assertValidDistribution(ctx.db, actor, input.tlp, input.distribution);
  const crs = findCrs(input.profile.crs);
  if (!crs) throw invalidField('profile.crs', 'imports.unknown_crs', { crs: input.profile.crs });
  const source = await openSource(input);
  if (!source) throw invalidField('file', 'imports.empty_file');

  input.onSource?.(source.refKind, source.header);
  const batches = source.batches[Symbol.asyncIterator]();
  const sample: SourceRecord[] = [];
  let exhausted = false;
  while (sample.length < SAMPLE_SIZE) {
    const next = await batches.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    sample.push(...next.value);
  }
  const declared = source.declaredCrs ? findCrs(source.declaredCrs) : null;
  if (source.declaredCrs && declared?.code !== crs.code) {
    throw invalidField('profile.crs', 'imports.declared_crs_differs', { declared: source.declaredCrs, crs: `EPSG:${crs.code}` });
  }
  const issues = await checkSample(ctx.db, source, sample, input.profile, crs, input.ownerOrgId);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);

  const mappings = await q.categoryMappings(ctx.db, input.ownerOrgId);
  const rowContext: RowContext = {
    profile: input.profile,
    index: new Map(source.header.map((name, i) => [name, i])),
    width: source.refKind === 'line' ? source.header.length : null,
    tlp: input.tlp,
    iccsOf: (category) => mappings.get(category),
    project: toWgs84(crs),
  };
  const target: BatchTarget = {
    orgId: input.ownerOrgId,
    userId: actor.userId,
    source: input.source ?? 'import',
    tlp: input.tlp,
    sharingGroupIds: input.distribution?.sharingGroupIds ?? [],
    recipientUserIds: input.distribution?.recipientUserIds ?? [],
  };
  const areas = await areaCandidates(ctx.db);
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  const counts: ImportCounts = { records: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0 };
  const reject = async (ref: number, values: string[], problem: RowProblem) => {
    counts.rejected++;
    await input.onRejected?.({ ref, values, ...problem });
  };

  let batch = new Map<string, Pending>();
  // A batch is written while the next one is parsed, split over `writers` connections by a hash
  // of the external id: the same id always goes through the same writer, in file order, so a
  // later duplicate still wins. At most one batch is in flight (memory stays bounded).
  const writers = input.writers ?? (ctx.engine.kind === 'postgres' ? 2 : 1);
  let inFlight: Promise<void> = Promise.resolve();
  const writePart = async (pending: Pending[]) => {
    const written = await writeBatch(ctx, actor, target, pending, areas);
    counts.imported += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += pending.length - written.inserted - written.updated - written.refused.length;
    for (const p of written.refused) await reject(p.ref, p.values, { code: 'database_refused' });
  };
  const flush = async () => {
    if (batch.size === 0) return;
    const parts = splitByKey([...batch.values()], writers);
    batch = new Map();
    await inFlight;
    inFlight = (async () => {
      const settled = await Promise.allSettled(parts.map(writePart));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      await input.onProgress?.(counts);
    })();
    inFlight.catch(() => {}); // surfaced by the next await of `inFlight`
  };
  const take = async (records: SourceRecord[]) => {
    for (const record of records) {
      counts.records++;
      const row: IncidentImportRow | RowProblem = toIncidentRow(record, rowContext);
      if (isProblem(row)) {
        await reject(record.ref, record.values, row);
        continue;
      }
      // A second row with the same id in one statement cannot be upserted: write the first one.
      if (batch.has(row.external_id)) await flush();
      batch.set(row.external_id, { row, ref: record.ref, values: record.values });
      if (batch.size >= batchSize) await flush();
    }
  };

  await take(sample);
  let cancelled = false;
  while (!exhausted) {
    if (input.signal?.aborted) {
      cancelled = true;
      break;
    }
    const next = await batches.next();
    if (next.done) break;
    await take(next.value);
  }
  if (!cancelled) await flush();
  else await batches.return?.(undefined);
  await inFlight;
  return { counts, header: source.header, refKind: source.refKind, cancelled };
}

/** FNV-1a of the external id: which writer takes a row. */
function writerOf(key: string, writers: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % writers;
}

/** The batch's rows per writer, each part in file order; empty parts left out. */
function splitByKey(pending: Pending[], writers: number): Pending[][] {
  if (writers <= 1) return [pending];
  const parts: Pending[][] = Array.from({ length: writers }, () => []);
  for (const p of pending) parts[writerOf(p.row.external_id, writers)]!.push(p);
  return parts.filter((part) => part.length > 0);
}
