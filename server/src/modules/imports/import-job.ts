import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { LOCALES } from '../../platform/i18n/locale.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { actorOf } from './actor-of.ts';
import { runImport, type Rejection } from './run-import.ts';
import * as q from './run-queries.ts';
import { ImportSettings } from './schemas.ts';

const Payload = z.object({ importId: z.uuid(), locale: z.enum(LOCALES) });

const StoredSettings = z.object({
  settings: ImportSettings,
  source: z.enum(['police_record', 'tip', 'import', 'partner']),
  tlp: z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']),
  sharingGroupIds: z.array(z.uuid()),
  recipientUserIds: z.array(z.uuid()),
});

/** Progress is saved after every batch; a run this long without any lost its process. */
export const STALLED_AFTER_MS = 15 * 60_000;

/** Counts the bytes of the stored file as the import reads it. */
async function* counted(chunks: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * Runs one uploaded import in whichever instance takes the job: progress saved after every
 * batch (so any instance reports it), rejections into the error report, a cancel honoured
 * between batches. A run is claimed first (queued, or running but stalled), so it never runs
 * twice at once; one resumed after a crash starts the file again: the import is idempotent,
 * so it ends with the rows of an uninterrupted run.
 */
export async function runStoredImport(ctx: AppContext, importId: string, locale: z.infer<typeof Payload>['locale'], options: { signal?: AbortSignal } = {}): Promise<void> {
  const run = await q.findRun(ctx.db, importId);
  if (!run || !['queued', 'running'].includes(run.state)) return;
  const finish = async (state: 'completed' | 'failed' | 'cancelled', failure: object | null = null) => {
    await q.setState(ctx.db, importId, state, { finished_at: new Date(), failure: failure ? JSON.stringify(failure) : null });
    await q.deleteChunks(ctx.db, importId);
  };
  if (run.cancel_requested) return finish('cancelled');
  if (!(await q.claimRun(ctx.db, importId, new Date(Date.now() - STALLED_AFTER_MS)))) return;
  const actor = await actorOf(ctx.db, run.created_by, locale);
  if (!actor) return finish('failed', { code: 'FORBIDDEN', params: {}, fields: [] });
  const stored = StoredSettings.parse(run.settings);
  await q.clearRejections(ctx.db, importId);

  const stop = new AbortController();
  // A shutdown (options.signal) stops between batches and leaves the run queued, to be run again.
  const onShutdown = () => stop.abort();
  options.signal?.addEventListener('abort', onShutdown, { once: true });
  if (options.signal?.aborted) stop.abort();
  let bytes = 0;
  let seq = 0;
  let pending: Rejection[] = [];
  const saveRejections = async () => {
    const rows = pending.map((r) => ({ import_id: importId, seq: seq++, ref: r.ref, code: r.code, column_name: r.column ?? null, raw_values: JSON.stringify(r.values) }));
    pending = [];
    await q.insertRejections(ctx.db, rows);
  };
  try {
    const outcome = await runImport(ctx, actor, {
      file: counted(q.fileChunks(ctx.db, importId), (n) => (bytes += n)),
      profile: { ...stored.settings },
      ownerOrgId: run.owner_org_id,
      source: stored.source,
      tlp: stored.tlp,
      distribution: { sharingGroupIds: stored.sharingGroupIds, recipientUserIds: stored.recipientUserIds },
      signal: stop.signal,
      onSource: (refKind, header) => void q.setSource(ctx.db, importId, refKind, header),
      onRejected: async (r) => {
        pending.push(r);
        if (pending.length >= 1000) await saveRejections();
      },
      onProgress: async (counts) => {
        await saveRejections();
        if (await q.saveProgress(ctx.db, importId, counts, bytes)) stop.abort();
      },
    });
    await saveRejections();
    await q.saveProgress(ctx.db, importId, outcome.counts, outcome.cancelled ? bytes : Number(run.file_bytes));
    if (outcome.cancelled && options.signal?.aborted) await q.setState(ctx.db, importId, 'queued');
    else await finish(outcome.cancelled ? 'cancelled' : 'completed');
  } catch (err) {
    if (!(err instanceof AppError)) {
      ctx.logger.error({ err, importId }, 'import failed');
      await finish('failed', { code: 'INTERNAL', params: {}, fields: [] });
      return;
    }
    await saveRejections();
    await finish('failed', { code: err.code, params: err.params, fields: err.fields });
  } finally {
    options.signal?.removeEventListener('abort', onShutdown);
  }
}

export const importJob = (ctx: AppContext): JobDefinition<typeof Payload> => ({
  name: 'imports.run',
  payload: Payload,
  retryLimit: 0,
  handle: ({ importId, locale }) => runStoredImport(ctx, importId, locale),
});
