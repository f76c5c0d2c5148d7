import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { AppError } from '../platform/errors/app-error.ts';
import type { AppContext } from '../platform/http/context.ts';
import { LOCALES, type Locale } from '../platform/i18n/locale.ts';
import { translate } from '../platform/i18n/messages.ts';
import { findUserByEmail } from '../modules/auth/queries.ts';
import { actorOf } from '../modules/imports/actor-of.ts';
import { errorReportHeader, errorReportLine } from '../modules/imports/error-report.ts';
import { findProfileByName, importProfileOf } from '../modules/imports/profiles.ts';
import { DEFAULT_BATCH_SIZE, runImport, type ImportCounts } from '../modules/imports/run-import.ts';
import { ProgressBar, type ProgressOutput } from './progress.ts';

export const IMPORT_HELP = `alianza import FILE --profile NAME --user EMAIL [options]

Imports the incidents of FILE (CSV or GeoJSON, as the profile says) into the organisation of
the saved import profile NAME, in the name of the user EMAIL (who must be able to write
incidents there). Re-running the same file changes nothing; a run stopped half-way and run
again ends as an uninterrupted one. The whole file is checked before any row is written
(CRS, columns, dates, coordinates); a bad row is rejected and written to the error report.

  --profile NAME      saved import profile (see /api/v1/import-profiles); required
  --user EMAIL        the account the import runs as; required
  --org ID            the organisation whose profile NAME is meant, when several have one
  --errors FILE       where to write the error report (CSV: line or feature, reason,
                      column, message, the record's values); default FILE.errors.csv
  --batch-size N      rows per transaction (default ${DEFAULT_BATCH_SIZE})
  --lang es|en|pt     language of messages and of the error report (default en)
  --help              this text

Progress goes to stderr: a bar with rows/s and the time left on a terminal, a line every
5 seconds otherwise. The summary goes to stdout as JSON. Exit status: 0 done (rows may have
been rejected: see the summary and the error report), 64 bad option or unknown profile or
user, 65 the file was refused before any row was written (unknown CRS, missing columns, dates
in another format, swapped or out-of-jurisdiction coordinates, empty file), 66 FILE cannot be read.
`;

export class ImportUsageError extends Error {
  constructor(message: string, readonly exitCode = 64) {
    super(message);
  }
}

export interface ImportIo {
  stdout: { write(text: string): void };
  stderr: ProgressOutput;
}

export interface ImportSummary extends ImportCounts {
  file: string;
  profile: string;
  errorReport: string | null;
  seconds: number;
}

/** Counts the bytes of a stream as it is consumed. */
async function* counted(stream: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    onBytes(chunk.length);
    yield chunk;
  }
}

const write = async (out: WriteStream, text: string) => {
  if (!out.write(text)) await once(out, 'drain');
};

export function parseImportArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { profile: { type: 'string' }, user: { type: 'string' }, org: { type: 'string' }, errors: { type: 'string' }, 'batch-size': { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    throw new ImportUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length !== 1) throw new ImportUsageError('give exactly one FILE to import');
  if (!values.profile) throw new ImportUsageError('--profile is required');
  if (!values.user) throw new ImportUsageError('--user is required');
  const lang = (values.lang ?? 'en') as Locale;
  if (!LOCALES.includes(lang)) throw new ImportUsageError(`--lang must be one of ${LOCALES.join(', ')}`);
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) throw new ImportUsageError('--batch-size must be an integer from 1 to 50000');
  if (values.org !== undefined && !/^[0-9a-f-]{36}$/i.test(values.org)) throw new ImportUsageError('--org must be an organisation id (UUID)');
  const file = positionals[0]!;
  return { file, profile: values.profile, user: values.user, org: values.org, errors: values.errors ?? `${file}.errors.csv`, batchSize, lang };
}

export type ImportArgs = NonNullable<ReturnType<typeof parseImportArgs>>;

/** Runs `alianza import` in a platform context; throws ImportUsageError or AppError for the exit codes. */
export async function runImportCommand(ctx: AppContext, args: ImportArgs, io: ImportIo): Promise<ImportSummary> {
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch {
    throw new ImportUsageError(`cannot read ${args.file}`, 66);
  }
  const user = await findUserByEmail(ctx.db, args.user);
  if (!user) throw new ImportUsageError(`no user with e-mail ${args.user}`);
  const actor = await actorOf(ctx.db, user.id, args.lang);
  if (!actor) throw new ImportUsageError(`the account ${args.user} is disabled`);
  const profile = await findProfileByName(ctx, actor, args.profile, args.org);
  if (!profile) throw new ImportUsageError(`no import profile named "${args.profile}" in ${args.org ? `organisation ${args.org}` : `the organisations of ${args.user}`}`);

  let bytes = 0;
  const bar = new ProgressBar(io.stderr, size);
  let report: WriteStream | null = null;
  let rejected = 0;
  const started = Date.now();
  let header: { refKind: 'line' | 'feature'; columns: string[] } | null = null;
  try {
    const outcome = await runImport(ctx, actor, {
      file: counted(createReadStream(args.file, { highWaterMark: 1 << 20 }), (n) => (bytes += n)),
      profile: importProfileOf(profile),
      ownerOrgId: profile.ownerOrgId,
      source: profile.source,
      tlp: profile.tlp,
      distribution: { sharingGroupIds: profile.sharingGroupIds, recipientUserIds: profile.recipientUserIds },
      batchSize: args.batchSize,
      onProgress: (c) => bar.update(bytes, c.records),
      onSource: (refKind, columns) => void (header = { refKind, columns }),
      onRejected: async (r) => {
        if (!report) {
          report = createWriteStream(args.errors);
          await write(report, errorReportHeader(header!.refKind, header!.columns));
        }
        rejected++;
        await write(report, errorReportLine(r, args.lang));
      },
    });
    bar.update(bytes, outcome.counts.records, true);
    bar.done();
    const summary: ImportSummary = { file: args.file, profile: profile.name, ...outcome.counts, errorReport: rejected > 0 ? args.errors : null, seconds: Math.round((Date.now() - started) / 100) / 10 };
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    const open = report as WriteStream | null;
    if (open) {
      open.end();
      await once(open, 'close');
    }
  }
}

/** The message of a refused file, in the user's language. */
export function describeRefusal(err: AppError, lang: Locale): string {
  const details = err.fields.map((f) => `  ${f.path}: ${translate(f.code, lang, f.params)}`).join('\n');
  return `${translate(err.code, lang, err.params)}\n${details}\n`;
}
