import { sql } from 'kysely';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { CreateEntityBody } from '../../server/src/modules/intel/schemas.ts';
import { createEntity } from '../../server/src/modules/intel/entities.ts';
import type { EntitySample } from './entities.ts';
import type { World } from './world.ts';

/** What an entity's rows say, whoever wrote them: jsonb columns as PostgreSQL returns them, index values and distribution sorted. */
async function rowsOf(ctx: AppContext, id: string): Promise<string> {
  const entity = (await sql<Record<string, unknown>>`select owner_org_id, created_by, tlp, type, label, attributes, identifiers from intel_entities where id = ${id}::uuid`.execute(ctx.db)).rows[0];
  const index = (await sql`select kind, value from intel_identifiers where entity_id = ${id}::uuid order by kind, value`.execute(ctx.db)).rows;
  const groups = (await sql`select group_id from record_sharing_groups where record_type = 'intel_entity' and record_id = ${id}::uuid order by group_id`.execute(ctx.db)).rows;
  const recipients = (await sql`select user_id from record_recipients where record_type = 'intel_entity' and record_id = ${id}::uuid order by user_id`.execute(ctx.db)).rows;
  return JSON.stringify({ entity, index, groups, recipients });
}

/**
 * Creates sampled generated entities again through createEntity (as their owner's analyst) and
 * compares every row it writes with the bulk-loaded ones; throws on any difference. Run last:
 * it adds these entities to the index.
 */
export async function checkAgainstApplication(ctx: AppContext, world: World, samples: readonly EntitySample[]): Promise<number> {
  for (const sample of samples) {
    const body = CreateEntityBody.parse({ ...sample.body, ownerOrgId: world.orgs[sample.owner]!.id });
    const created = await createEntity(ctx, world.analysts[sample.owner]!, body);
    const [ours, theirs] = [await rowsOf(ctx, sample.id), await rowsOf(ctx, created.id)];
    if (ours !== theirs) throw new Error(`generated entity ${sample.id} differs from what createEntity writes:\n  generated   ${ours}\n  application ${theirs}`);
  }
  return samples.length;
}
