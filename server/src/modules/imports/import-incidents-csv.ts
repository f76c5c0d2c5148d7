import type { Actor } from '../../platform/auth/actor.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { ImportProfile, RowProblem } from './column-mapping.ts';
import { runImport, type ImportCounts } from './run-import.ts';

export interface RejectedRow extends RowProblem {
  line: number;
}

/** The counts, and every rejected row with its line (small files: the list is kept in memory). */
export interface ImportReport extends Omit<ImportCounts, 'rejected'> {
  rejected: RejectedRow[];
}

export interface ImportIncidentsInput {
  /** The file's bytes or text, in order (a file stream). */
  source: AsyncIterable<string | Uint8Array>;
  ownerOrgId: string;
  tlp: Tlp;
  profile: ImportProfile;
  batchSize?: number;
  writers?: number;
  onProgress?: (report: Readonly<ImportCounts>) => void;
}

/**
 * A CSV import that returns every rejection with its line: for tests and small files. Large
 * files go through `runImport` with an `onRejected` sink (the error report).
 */
export async function importIncidentsCsv(ctx: AppContext, actor: Actor, input: ImportIncidentsInput): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const { counts } = await runImport(ctx, actor, {
    file: input.source,
    profile: { ...input.profile, format: 'csv' },
    ownerOrgId: input.ownerOrgId,
    tlp: input.tlp,
    ...(input.batchSize ? { batchSize: input.batchSize } : {}),
    ...(input.writers ? { writers: input.writers } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    onRejected: ({ ref, code, column }) => void rejected.push({ line: ref, code, ...(column ? { column } : {}) }),
  });
  return { records: counts.records, imported: counts.imported, updated: counts.updated, unchanged: counts.unchanged, rejected };
}
