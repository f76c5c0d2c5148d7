// Helpers shared by the import tests (not used by the application).
import { readFileSync } from 'node:fs';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import type { ImportProfile } from './profile.ts';

export const PORTLAND_FILE = new URL('../../../../demo/portland-cfs-2016-08.csv', import.meta.url);
/** The header and the first 2,000 records of the Portland calls for service (one line each). */
export const PORTLAND_2000 = readFileSync(PORTLAND_FILE, 'utf8').split('\n').slice(0, 2001).join('\n') + '\n';

export const PORTLAND_PROFILE: ImportProfile = {
  columns: { externalId: { linePrefix: 'portland-cfs-2016-08' }, category: 'category', occurredFrom: 'occ_date', lon: 'lon', lat: 'lat' },
  dateFormat: 'YYYY-MM-DD',
  utcOffsetMinutes: -7 * 60, // Pacific Daylight Time, all of August
  crs: 'EPSG:4326',
};
export const PORTLAND_MAPPING: Record<string, string | null> = { BURGLARY: '0501', 'MOTOR VEHICLE THEFT': '05021', 'STREET CRIMES': null, OTHER: null };

/** An organisation (optionally with a jurisdiction) with the Portland category mapping, and an analyst of it. */
export async function analystOfNewOrg(ctx: AppContext, options: { mapping?: Record<string, string | null>; jurisdiction?: NonNullable<Parameters<typeof makeOrg>[1]>['jurisdiction'] } = {}) {
  const org = await makeOrg(ctx, { type: 'police_agency', country: 'US', ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}) });
  const user = await makeUser(ctx, [{ orgId: org.id, role: 'analyst' }]);
  const mapping = options.mapping ?? PORTLAND_MAPPING;
  await ctx.db
    .insertInto('category_mappings')
    .values(Object.entries(mapping).map(([source_category, iccs_code]) => ({ owner_org_id: org.id, source_category, iccs_code })))
    .execute();
  const actor: Actor = { kind: 'user', userId: user.id, isPlatformAdmin: false, memberships: [{ orgId: org.id, role: 'analyst' }], scopes: null, requestId: null, locale: 'en' };
  return { orgId: org.id, userId: user.id, actor };
}

/** The text in chunks of a few kilobytes, as a file stream would deliver it, cut mid-line and mid-character. */
export async function* chunks(text: string, size = 4093) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The imported incidents of an organisation, comparable across runs. */
export const importedRows = (ctx: AppContext, orgId: string) =>
  ctx.db
    .selectFrom('incidents')
    .select(['external_id', 'iccs_code', 'source_category', 'occurred_from', 'occurred_to', 'admin_area_org_id'])
    .select((eb) => [eb.fn<number>('ST_X', ['location']).as('lon'), eb.fn<number>('ST_Y', ['location']).as('lat')])
    .where('owner_org_id', '=', orgId)
    .orderBy('external_id')
    .execute();
