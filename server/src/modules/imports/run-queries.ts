import type { Executor } from '../../platform/audit/audit-log.ts';
import type { Db } from '../../platform/db/engine.ts';
import type { ImportState } from '../../platform/db/schema.ts';
import type { ImportCounts } from './run-import.ts';

const columns = [
  'id', 'owner_org_id', 'profile_id', 'profile_name', 'settings', 'file_name', 'file_bytes', 'state', 'bytes_read', 'records', 'imported',
  'updated', 'unchanged', 'rejected', 'header', 'ref_kind', 'failure', 'cancel_requested', 'created_by', 'created_at', 'started_at',
  'finished_at', 'updated_at',
] as const;

export const findRun = (db: Executor, id: string) => db.selectFrom('imports').select(columns).where('id', '=', id).executeTakeFirst();
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export const listRuns = (db: Executor, orgIds: string[], limit: number) =>
  orgIds.length === 0 ? Promise.resolve([]) : db.selectFrom('imports').select(columns).where('owner_org_id', 'in', orgIds).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();

export const insertRun = (db: Executor, row: { owner_org_id: string; profile_id: string; profile_name: string; settings: string; file_name: string; created_by: string }) =>
  db.insertInto('imports').values({ ...row, state: 'uploading' }).returning('id').executeTakeFirstOrThrow();

export const insertChunk = (db: Executor, importId: string, seq: number, data: Uint8Array) => db.insertInto('import_file_chunks').values({ import_id: importId, seq, data }).execute();

/** The uploaded file, one chunk at a time in order (constant memory). */
export async function* fileChunks(db: Db, importId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.selectFrom('import_file_chunks').select('data').where('import_id', '=', importId).where('seq', '=', seq).executeTakeFirst();
    if (!chunk) return;
    yield chunk.data;
  }
}

export const setState = (db: Executor, id: string, state: ImportState, extra: { file_bytes?: number; started_at?: Date; finished_at?: Date; failure?: string | null } = {}) =>
  db.updateTable('imports').set({ state, ...extra, updated_at: new Date() }).where('id', '=', id).execute();

export const setSource = (db: Executor, id: string, refKind: 'line' | 'feature', header: string[]) =>
  db.updateTable('imports').set({ ref_kind: refKind, header: JSON.stringify(header) }).where('id', '=', id).execute();

/** Progress after a batch; answers whether a cancel was asked for meanwhile. */
export async function saveProgress(db: Executor, id: string, counts: ImportCounts, bytesRead: number): Promise<boolean> {
  const row = await db
    .updateTable('imports')
    .set({ ...counts, bytes_read: bytesRead, updated_at: new Date() })
    .where('id', '=', id)
    .returning('cancel_requested')
    .executeTakeFirst();
  return row?.cancel_requested ?? true;
}

export const requestCancel = (db: Executor, id: string) =>
  db.updateTable('imports').set({ cancel_requested: true, updated_at: new Date() }).where('id', '=', id).where('state', 'in', ['uploading', 'queued', 'running']).returning('state').executeTakeFirst();

export const deleteChunks = (db: Executor, id: string) => db.deleteFrom('import_file_chunks').where('import_id', '=', id).execute();

export const insertRejections = (db: Executor, rows: { import_id: string; seq: number; ref: number; code: string; column_name: string | null; raw_values: string }[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto('import_rejections').values(rows).onConflict((oc) => oc.columns(['import_id', 'seq']).doNothing()).execute().then(() => {});

export const clearRejections = (db: Executor, id: string) => db.deleteFrom('import_rejections').where('import_id', '=', id).execute();

/** Rejections in file order, a page at a time (keyset on seq). */
export const rejectionsAfter = (db: Executor, id: string, afterSeq: number, limit: number) =>
  db.selectFrom('import_rejections').select(['seq', 'ref', 'code', 'column_name', 'raw_values']).where('import_id', '=', id).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();


/**
 * Takes a run for this process: a queued one, or one left running without progress since
 * `staleBefore` (its process stopped). Null when another process has it or it has ended, so a
 * job delivered twice, or a requeued run also resumed elsewhere, never runs twice at once.
 */
export const claimRun = (db: Executor, id: string, staleBefore: Date) =>
  db
    .updateTable('imports')
    .set({ state: 'running', started_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .returning('id')
    .executeTakeFirst();

/**
 * Claims runs left running without progress since `before` (their instance stopped): each is
 * set back to queued by exactly one caller, whichever instance asks first.
 */
export const claimStalledRuns = (db: Executor, before: Date) =>
  db
    .updateTable('imports')
    .set({ state: 'queued', updated_at: new Date() })
    .where('state', '=', 'running')
    .where('updated_at', '<', before)
    .returning(['id'])
    .execute();
