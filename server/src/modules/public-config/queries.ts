import { sql } from 'kysely';
import type { Db } from '../../platform/db/engine.ts';
import type { Extent } from './map-view.ts';

/** The extent of every jurisdiction on the platform, or null when none has one. */
export async function jurisdictionsExtent(db: Db): Promise<Extent | null> {
  const row = await db
    .selectFrom('organizations')
    .select([
      sql<number | null>`ST_XMin(ST_Extent(jurisdiction))`.as('west'),
      sql<number | null>`ST_YMin(ST_Extent(jurisdiction))`.as('south'),
      sql<number | null>`ST_XMax(ST_Extent(jurisdiction))`.as('east'),
      sql<number | null>`ST_YMax(ST_Extent(jurisdiction))`.as('north'),
    ])
    .executeTakeFirstOrThrow();
  return row.west === null ? null : [row.west, row.south!, row.east!, row.north!];
}
