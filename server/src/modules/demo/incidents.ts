/**
 * The demo world's incidents: the real Portland police calls for service of August 2016
 * (demo/portland-cfs-2016-08.csv, CC0), imported through the ordinary import run (profile,
 * category mapping to ICCS, reprojection from EPSG:2913 feet, error report) so that a first
 * start shows every part of the import and has data for the analyses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../../analytics/src/csv.ts';
import type { AuditEntry, Executor } from '../../platform/audit/audit-log.ts';
import type { ImportState } from '../../platform/db/schema.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { REPO_ROOT } from '../../config.ts';
import { runStoredImport } from '../imports/import-job.ts';
import { CHUNK_BYTES, runSettings } from '../imports/import-runs.ts';
import { insertProfile } from '../imports/profile-queries.ts';
import * as runs from '../imports/run-queries.ts';
import type { ProfileInput } from '../imports/schemas.ts';
import { demoImportRun, insertCategoryMappings } from './queries.ts';

export const DEMO_INCIDENTS_FILE = path.join(REPO_ROOT, 'demo', 'portland-cfs-2016-08.csv');
export const DEMO_PROFILE_NAME = 'Portland calls for service (DEMO)';

/** The x/y columns are the file's own EPSG:2913 feet (the lon/lat columns are derived). */
export const DEMO_PROFILE: ProfileInput = {
  name: DEMO_PROFILE_NAME,
  settings: {
    format: 'csv',
    delimiter: ',',
    columns: { externalId: { linePrefix: 'portland-cfs-2016-08' }, category: 'case_desc', occurredFrom: 'occ_date', x: 'x_ft', y: 'y_ft' },
    dateFormat: 'YYYY-MM-DD',
    utcOffsetMinutes: -7 * 60, // Pacific Daylight Time, all of August
    crs: 'EPSG:2913',
  },
  source: 'police_record',
  tlp: 'GREEN',
  sharingGroupIds: [],
  recipientUserIds: [],
};

/**
 * ICCS division of a Portland call type (case_desc), by its leading words; null for calls that
 * are not an offence in themselves (disturbances, welfare checks, accidents, follow-ups…).
 */
const CALL_TYPE_ICCS: [RegExp, string][] = [
  [/^BURGLARY\b/, '0501'],
  [/^(THEFT|VEHICLE STOLEN)\b/, '0502'],
  [/^ROBBERY\b/, '0401'],
  [/^(ASSAULT|STABBING|THREAT)\b/, '0201'],
  [/^VANDALISM\b/, '0504'],
  [/^FRAUD\b/, '0701'],
  [/^SHOTS FIRED\b/, '0901'],
  [/^DRIVING UNDER INFLUENCE\b/, '0902'],
  [/^VICE-DRUGS\b/, '08'],
];
export const iccsOfCallType = (callType: string): string | null => CALL_TYPE_ICCS.find(([re]) => re.test(callType))?.[1] ?? null;

/** The call types found in the file. */
export function demoCallTypes(text = readFileSync(DEMO_INCIDENTS_FILE, 'utf8')): string[] {
  const [header, ...records] = parseCsv(text);
  const column = header!.indexOf('case_desc');
  return [...new Set(records.map((r) => r[column] ?? '').filter((v) => v !== ''))].sort();
}

/**
 * Inside the seed transaction: the profile, the mapping of every call type of the file, and a
 * queued import run holding the file, created by the police analyst. Returns audit entries.
 */
export async function seedDemoImport(trx: Executor, orgId: string, analystId: string): Promise<AuditEntry[]> {
  const bytes = readFileSync(DEMO_INCIDENTS_FILE);
  const profile = await insertProfile(trx, orgId, analystId, DEMO_PROFILE);
  const mappings = demoCallTypes(bytes.toString('utf8')).map((sourceCategory) => ({ sourceCategory, iccsCode: iccsOfCallType(sourceCategory) }));
  await insertCategoryMappings(trx, orgId, mappings);
  const run = await runs.insertRun(trx, {
    owner_org_id: orgId,
    profile_id: profile.id,
    profile_name: profile.name,
    settings: runSettings(DEMO_PROFILE),
    file_name: path.basename(DEMO_INCIDENTS_FILE),
    created_by: analystId,
  });
  for (let seq = 0; seq * CHUNK_BYTES < bytes.length; seq++) await runs.insertChunk(trx, run.id, seq, bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES));
  await runs.setState(trx, run.id, 'queued', { file_bytes: bytes.length });
  return [
    { action: 'create', recordType: 'import_profile', recordId: profile.id, orgId, diff: { after: { name: profile.name, demo: true } } },
    { action: 'update', recordType: 'category_mapping', recordId: null, orgId, diff: { after: Object.fromEntries(mappings.map((m) => [m.sourceCategory, m.iccsCode])), demo: true } },
    { action: 'create', recordType: 'import', recordId: run.id, orgId, diff: { after: { profile: profile.name, fileName: path.basename(DEMO_INCIDENTS_FILE), demo: true } } },
  ];
}

/**
 * Runs the demo import if it has not finished (first start, or a start that was stopped
 * half-way: the import is idempotent, so running it again completes it). In this process,
 * not as a job: the demo is one embedded database, and a stop must leave it resumable.
 */
export async function finishDemoImport(ctx: AppContext, signal?: AbortSignal): Promise<ImportState | 'interrupted' | 'none'> {
  const run = await demoImportRun(ctx.db, DEMO_PROFILE_NAME);
  if (!run || !['queued', 'running'].includes(run.state)) return 'none';
  ctx.logger.info({ importId: run.id }, 'importing the demo incidents (Portland calls for service, August 2016)');
  await runStoredImport(ctx, run.id, 'en', { signal });
  const after = await runs.findRun(ctx.db, run.id);
  if (after?.state === 'queued') return 'interrupted';
  ctx.logger.info({ importId: run.id, state: after?.state, imported: after?.imported, rejected: after?.rejected }, 'demo incidents imported');
  return after?.state ?? 'none';
}
