import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, requireUser, WRITER_ROLES } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { errorReportHeader, errorReportLine } from './error-report.ts';
import { importJob } from './import-job.ts';
import { getProfile } from './profiles.ts';
import * as q from './run-queries.ts';
import type { ImportProfileView, ImportView } from './schemas.ts';
import type { RowProblem } from './column-mapping.ts';

const RECORD = 'import';
/** Uploads are stored in chunks of this size. */
export const CHUNK_BYTES = 1 << 20;

/** Who may run imports for an organisation, follow them and read their error reports: its writers. */
function assertImporter(actor: Actor, orgId: string): void {
  requireUser(actor);
  if (!hasRoleIn(actor, orgId, WRITER_ROLES)) throw notFound(RECORD);
}

interface StoredFailure {
  code: AppError['code'];
  params: Record<string, string | number>;
  fields: AppError['fields'];
}

export function toImportView(row: q.RunRow, locale: Locale): ImportView {
  const failure = row.failure as StoredFailure | null;
  const elapsed = row.started_at ? ((row.finished_at ?? new Date()).getTime() - row.started_at.getTime()) / 1000 : 0;
  const fraction = row.file_bytes > 0 ? row.bytes_read / row.file_bytes : 0;
  return {
    id: row.id,
    ownerOrgId: row.owner_org_id,
    profileId: row.profile_id,
    profileName: row.profile_name,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    bytesRead: Number(row.bytes_read),
    state: row.state,
    counts: { records: row.records, imported: row.imported, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected },
    rowsPerSecond: elapsed > 0 ? Math.round(row.records / elapsed) : null,
    etaSeconds: row.state === 'running' && fraction > 0 && elapsed > 0 ? Math.round((elapsed * (1 - fraction)) / fraction) : null,
    failure: failure
      ? {
          code: failure.code,
          message: translate(failure.code, locale, failure.params),
          details: failure.fields.map((f) => ({ field: f.path, code: f.code, message: translate(f.code, locale, f.params) })),
        }
      : null,
    cancelRequested: row.cancel_requested,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a run keeps of its profile: the job reads these, not the profile, which may change meanwhile. */
export const runSettings = (p: Pick<ImportProfileView, 'settings' | 'source' | 'tlp' | 'sharingGroupIds' | 'recipientUserIds'>) =>
  JSON.stringify({ settings: p.settings, source: p.source, tlp: p.tlp, sharingGroupIds: p.sharingGroupIds, recipientUserIds: p.recipientUserIds });

/** Regroups a stream of any chunk sizes into chunks of `size` bytes (the last one shorter). */
async function* rechunk(stream: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of stream) {
    parts.push(chunk);
    held += chunk.length;
    while (held >= size) {
      const all = Buffer.concat(parts);
      yield all.subarray(0, size);
      parts = [all.subarray(size)];
      held = all.length - size;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

/** The first bytes a file must have for its format: GeoJSON starts with "{", CSV is UTF-8 text. */
function looksLike(format: 'csv' | 'geojson', head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.min(head.length, 4096)), { stream: true });
  } catch {
    return false;
  }
  if (text.includes('\u0000')) return false;
  return format === 'csv' || /^\uFEFF?\s*(\{|$)/.test(text);
}

/**
 * Takes an uploaded file into the database in 1 MiB chunks as it arrives (any instance can then
 * run it), checks that it looks like the profile's format (else 415), and queues the import.
 */
export async function startImport(ctx: AppContext, actor: Actor, input: { profileId: string; fileName: string; file: AsyncIterable<Uint8Array> }): Promise<ImportView> {
  const profile = await getProfile(ctx, actor, input.profileId);
  assertImporter(actor, profile.ownerOrgId);
  if (!ctx.jobs.started) throw new AppError('UNAVAILABLE');
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const run = await q.insertRun(trx, {
      owner_org_id: profile.ownerOrgId,
      profile_id: profile.id,
      profile_name: profile.name,
      settings: runSettings(profile),
      file_name: input.fileName.slice(0, 255) || 'upload',
      created_by: actor.userId!,
    });
    await appendAudit(trx, actor, [{ action: 'create', recordType: RECORD, recordId: run.id, orgId: profile.ownerOrgId, diff: { after: { profile: profile.name, fileName: input.fileName } } }]);
    return run;
  });
  let bytes = 0;
  try {
    let seq = 0;
    for await (const chunk of rechunk(input.file, CHUNK_BYTES)) {
      if (seq === 0 && !looksLike(profile.settings.format, chunk)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: profile.settings.format });
      await q.insertChunk(ctx.db, id, seq++, chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    // Nothing of a refused or broken upload stays: the run and its chunks go.
    await ctx.db.deleteFrom('imports').where('id', '=', id).execute();
    throw err;
  }
  await q.setState(ctx.db, id, 'queued', { file_bytes: bytes });
  await ctx.jobs.send(importJob(ctx), { importId: id, locale: actor.locale });
  return getImport(ctx, actor, id);
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportView> {
  const row = await q.findRun(ctx.db, id);
  if (!row) throw notFound(RECORD);
  assertImporter(actor, row.owner_org_id);
  return toImportView(row, actor.locale);
}

/** Past and running imports of the organisations where the actor may import, newest first. */
export async function listImports(ctx: AppContext, actor: Actor, orgId?: string): Promise<ImportView[]> {
  requireUser(actor);
  const orgs = [...new Set(actor.memberships.filter((m) => WRITER_ROLES.includes(m.role)).map((m) => m.orgId))].filter((o) => !orgId || o === orgId);
  return (await q.listRuns(ctx.db, orgs, 100)).map((r) => toImportView(r, actor.locale));
}

/** Asks a running or queued import to stop after its current batch; what was committed stays. */
export async function cancelImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportView> {
  const before = await getImport(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await q.requestCancel(trx, id);
    if (!changed) throw new AppError('CONFLICT', { what: 'state' }, [{ path: 'state', code: 'imports.not_running', params: { state: before.state } }]);
    await appendAudit(trx, actor, [{ action: 'cancel', recordType: RECORD, recordId: id, orgId: before.ownerOrgId, diff: { state: before.state } }]);
  });
  return getImport(ctx, actor, id);
}

/**
 * The error report as CSV lines, read a page at a time. Its rows are the raw values of the
 * file: the download is audited as a read of the import.
 */
export async function errorReport(ctx: AppContext, actor: Actor, id: string): Promise<{ fileName: string; lines: AsyncGenerator<string> }> {
  const row = await q.findRun(ctx.db, id);
  if (!row) throw notFound(RECORD);
  assertImporter(actor, row.owner_org_id);
  await appendAudit(ctx.db, actor, [{ action: 'read', recordType: RECORD, recordId: id, orgId: row.owner_org_id, diff: { errorReport: row.rejected } }]);
  async function* lines(): AsyncGenerator<string> {
    yield errorReportHeader(row!.ref_kind ?? 'line', row!.header ?? []);
    for (let after = -1; ; ) {
      const page = await q.rejectionsAfter(ctx.db, id, after, 1000);
      if (page.length === 0) return;
      for (const r of page) yield errorReportLine({ ref: r.ref, code: r.code as RowProblem['code'], column: r.column_name ?? undefined, values: r.raw_values }, actor.locale);
      after = page.at(-1)!.seq;
    }
  }
  return { fileName: `${row.file_name.replace(/\.[^.]*$/, '')}.errors.csv`, lines: lines() };
}
