import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseCsv } from '../../analytics/src/csv.ts';
import { findCrs, toWgs84 } from '../../server/src/modules/imports/crs/crs.ts';
import { prng } from '../common/prng.ts';

const PORTLAND = new URL('../../demo/portland-cfs-2016-08.csv', import.meta.url);

/** The import profile of the generated file: ids, categories, day dates, EPSG:2913 feet. */
export const BENCH_PROFILE = {
  format: 'csv' as const,
  columns: { externalId: 'call_id', category: 'category', occurredFrom: 'occ_date', x: 'x_ft', y: 'y_ft', address: 'case_desc' },
  dateFormat: 'YYYY-MM-DD' as const,
  utcOffsetMinutes: -420,
  crs: 'EPSG:2913',
};
export const BENCH_MAPPING: Record<string, string | null> = { BURGLARY: '0501', 'MOTOR VEHICLE THEFT': '05021', 'STREET CRIMES': null, OTHER: null };

/** Columns of the COPY reference: the rows as the import stores them. */
export const COPY_COLUMNS = ['owner_org_id', 'created_by', 'source', 'external_id', 'tlp', 'iccs_code', 'source_category', 'occurred_from', 'occurred_to', 'location', 'address_text'];

const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Writes `rows` calls for service drawn from the located Portland calls of August 2016
 * (seeded: same seed, same file): a record's category, case and place, moved by a Gaussian
 * jitter of 150 m, on a random day of 2016. Beside it, the same rows as incidents (WGS 84
 * EWKT points, UTC day windows) for the COPY reference; `ids` fills owner and creator there.
 */
export async function generate(file: string, copyFile: string, rows: number, seed: number, ids: { orgId: string; userId: string }) {
  const [header, ...records] = parseCsv(readFileSync(PORTLAND, 'utf8'));
  const at = (n: string) => header!.indexOf(n);
  const located = records.filter((r) => r[at('x_ft')] !== '' && r[at('x_ft')] !== undefined);
  const random = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const project = toWgs84(findCrs(BENCH_PROFILE.crs)!);
  const out = createWriteStream(file);
  const copy = createWriteStream(copyFile);
  out.write('call_id,category,case_desc,occ_date,x_ft,y_ft\n');
  const sigmaFt = 150 / 0.3048;
  const day0 = Date.UTC(2016, 0, 1);
  let lines: string[] = [];
  let copyLines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const r = located[Math.floor(random() * located.length)]!;
    const x = Math.round(Number(r[at('x_ft')]) + gauss() * sigmaFt);
    const y = Math.round(Number(r[at('y_ft')]) + gauss() * sigmaFt);
    const day = new Date(day0 + Math.floor(random() * 366) * 86_400_000).toISOString().slice(0, 10);
    const id = `bench-${String(i).padStart(7, '0')}`;
    const [category, desc] = [r[at('category')]!, r[at('case_desc')]!];
    lines.push(`${id},${csv(category)},${csv(desc)},${day},${x},${y}\n`);
    const p = project(x, y)!;
    const from = new Date(Date.parse(`${day}T00:00:00Z`) + 420 * 60_000);
    const to = new Date(from.getTime() + 86_400_000);
    copyLines.push(
      [ids.orgId, ids.userId, 'import', id, 'AMBER', BENCH_MAPPING[category] ?? '', csv(category), from.toISOString(), to.toISOString(), `SRID=4326;POINT(${p.lon} ${p.lat})`, csv(desc)].join(',') + '\n',
    );
    if (lines.length === 10_000) {
      if (!out.write(lines.join(''))) await once(out, 'drain');
      if (!copy.write(copyLines.join(''))) await once(copy, 'drain');
      lines = [];
      copyLines = [];
    }
  }
  out.end(lines.join(''));
  copy.end(copyLines.join(''));
  await Promise.all([once(out, 'finish'), once(copy, 'finish')]);
}
