import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { parseCsv } from '../../analytics/src/csv.ts';
import { REPO_ROOT } from '../src/config.ts';
import type { Tlp } from '../src/platform/db/schema.ts';
import type { AppContext, ZodApp } from '../src/platform/http/context.ts';
import { api, type Auth } from './factories.ts';

/** Starts an analysis run through the API and waits for it to end; the result too when it succeeded. */
export async function runAnalysis(app: ZodApp, auth: Auth, body: unknown, headers: Record<string, string> = {}) {
  const created = await api(app, { method: 'POST', url: '/api/v1/analytics/runs', body, auth, headers });
  if (created.statusCode !== 202) return { created, run: null, result: null };
  let run = created.data;
  for (let i = 0; i < 6000 && (run.status === 'queued' || run.status === 'running'); i++) {
    await sleep(20);
    run = (await api(app, { url: `/api/v1/analytics/runs/${run.id}`, auth, headers })).data;
  }
  const result = run.status === 'succeeded' ? (await api(app, { url: `/api/v1/analytics/runs/${run.id}/result`, auth })).data : null;
  return { created, run, result };
}

export interface IncidentSeed {
  lon: number;
  lat: number;
  occurredFrom: string;
  iccsCode?: string | null;
  tlp?: Tlp;
  source?: 'police_record' | 'tip' | 'import' | 'partner';
}

/**
 * Inserts many incidents in one statement (test setup for analyses over thousands of points),
 * for an owner organisation and creator, through the same table and trigger as the API.
 */
export async function insertIncidents(ctx: AppContext, owner: { orgId: string; userId: string }, seeds: readonly IncidentSeed[]): Promise<void> {
  for (let start = 0; start < seeds.length; start += 5000) {
    const chunk = seeds.slice(start, start + 5000);
    await sql`
      insert into incidents (owner_org_id, created_by, tlp, iccs_code, occurred_from, location, source)
      select ${owner.orgId}::uuid, ${owner.userId}::uuid, t.tlp::tlp, nullif(t.iccs, ''), t.at::timestamptz, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), t.source
      from unnest(${chunk.map((s) => s.tlp ?? 'GREEN')}::text[], ${chunk.map((s) => s.iccsCode ?? '')}::text[], ${chunk.map((s) => s.occurredFrom)}::text[],
        ${chunk.map((s) => s.lon)}::float8[], ${chunk.map((s) => s.lat)}::float8[], ${chunk.map((s) => s.source ?? 'police_record')}::text[])
        as t(tlp, iccs, at, lon, lat, source)`.execute(ctx.db);
  }
}

/** ICCS divisions for the Portland calls' groups in tests (the import module has its own mapping tables). */
const PORTLAND_ICCS: Record<string, string> = { 'PERSON CRIME': '0201', 'PROPERTY CRIME': '0502', DISORDER: '0801' };

export interface PortlandCall extends IncidentSeed {
  date: string;
  callGroup: string;
}

/** The located Portland calls for service of August 2016 (demo/, CC0), dated at local noon. */
export function portlandCalls(): PortlandCall[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(REPO_ROOT, 'demo', 'portland-cfs-2016-08.csv'), 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const [category, group, date, lon, lat] = ['category', 'call_group', 'occ_date', 'lon', 'lat'].map(col) as [number, number, number, number, number];
  return rows
    .filter((r) => r[lon] !== '')
    .map((r) => ({
      lon: Number(r[lon]),
      lat: Number(r[lat]),
      date: r[date]!,
      callGroup: r[group]!,
      occurredFrom: `${r[date]}T12:00:00-07:00`,
      iccsCode: r[category] === 'BURGLARY' ? '0501' : (PORTLAND_ICCS[r[group]!] ?? null),
    }));
}
