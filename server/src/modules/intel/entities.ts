import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { canManageRecord, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, distributionOf, replaceDistribution } from '../../platform/access/distribution.ts';
import { changes, journal, type Executor } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/page-cursor.ts';
import type { AnyEntityAttributes } from './attributes.ts';
import { correlateValues } from '../correlation/correlate.ts';
import { indexEntity, type EntityIndex } from '../correlation/entity-identifiers.ts';
import { orgCountry } from '../correlation/lookup.ts';
import { replaceEntityIdentifiers } from '../correlation/queries.ts';
import * as q from './entity-queries.ts';
import { entityLabel } from './labels.ts';
import { assertCanWriteIntelFor } from './policy.ts';
import { distributionAfter, distributionInput, iso, recordFields } from './records.ts';
import type { CreatedEntity, CreateEntityInput, Entity, EntityFilter, IdentifierInput, UpdateEntityInput } from './schemas.ts';
import { INTEL_ENTITY } from './visibility.ts';

export const toEntity = (row: q.EntityRow): Entity => ({
  ...recordFields(row),
  type: row.type,
  label: row.label,
  attributes: row.attributes,
  identifiers: row.identifiers as Entity['identifiers'],
  firstSeen: iso(row.first_seen),
  lastSeen: iso(row.last_seen),
  copyOf: row.copy_of,
});

/** What the audit log keeps of an entity: everything it says, and to whom it is distributed. */
const auditable = (e: Entity) => ({
  tlp: e.tlp, type: e.type, label: e.label, attributes: e.attributes, identifiers: e.identifiers, firstSeen: e.firstSeen,
  lastSeen: e.lastSeen, sharingGroupIds: e.sharingGroupIds, recipientUserIds: e.recipientUserIds,
});

function assertSeenOrder(firstSeen: string | null, lastSeen: string | null): void {
  if (firstSeen !== null && lastSeen !== null && Date.parse(lastSeen) < Date.parse(firstSeen)) {
    throw invalidField('lastSeen', 'intel.last_before_first');
  }
}

const reload = async (db: Executor, id: string): Promise<Entity> => toEntity(await q.findWrittenEntity(db, id));

const cleanIdentifiers = (list: IdentifierInput[]) => list.map((i) => ({ kind: i.kind, value: i.value, ...(i.country ? { country: i.country } : {}) }));

/**
 * Normalises the entity's identifiers for the correlation index; phones and plates written
 * without a country are read in the owner organisation's. Malformed ones refuse the write.
 */
async function indexOrRefuse(db: Executor, ownerOrgId: string, type: Entity['type'], attributes: AnyEntityAttributes, identifiers: IdentifierInput[]): Promise<EntityIndex> {
  const index = indexEntity(type, attributes, identifiers, await orgCountry(db, ownerOrgId));
  if (index.issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, index.issues);
  return index;
}

/**
 * Records an entity and correlates its identifiers at once: the answer says which visible
 * records hold the same values and which partner organisations hold them in records the
 * writer may not see (hits).
 */
export async function createEntity(ctx: AppContext, actor: Actor, input: CreateEntityInput): Promise<CreatedEntity> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanWriteIntelFor(actor, ownerOrgId);
  assertSeenOrder(input.firstSeen, input.lastSeen);
  const index = await indexOrRefuse(ctx.db, ownerOrgId, input.type, input.attributes, input.identifiers);
  const dist = distributionInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    await assertValidDistribution(trx, actor, input.tlp, dist);
    const id = await q.insertEntity(trx, {
      owner_org_id: ownerOrgId,
      created_by: actor.userId,
      tlp: input.tlp,
      type: input.type,
      label: entityLabel(input.type, input.attributes, index.primaryDisplay),
      attributes: input.attributes,
      identifiers: cleanIdentifiers(input.identifiers),
      first_seen: input.firstSeen,
      last_seen: input.lastSeen,
    });
    await replaceDistribution(trx, INTEL_ENTITY, id, dist, true);
    await replaceEntityIdentifiers(trx, id, index.values, true);
    const entity = await reload(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: INTEL_ENTITY, recordId: id, orgId: ownerOrgId, diff: { after: auditable(entity) } }],
      events: [{ type: 'intel.entity.created', recordType: INTEL_ENTITY, recordId: id, orgIds: [ownerOrgId], data: { tlp: entity.tlp } }],
    });
    return { ...entity, correlations: await correlateValues(ctx, trx, actor, index.values, id) };
  });
}

export async function getEntity(ctx: AppContext, actor: Actor, id: string): Promise<Entity> {
  const row = await q.findVisibleEntity(ctx.db, actor, id);
  if (!row) throw notFound(INTEL_ENTITY); // the same answer whether it does not exist or may not be seen
  await ctx.readAudit.recordReads(actor, INTEL_ENTITY, [row]);
  return toEntity(row);
}

const CursorShape = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function listEntities(ctx: AppContext, actor: Actor, filter: EntityFilter, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(CursorShape, page.cursor);
  const rows = await q.listVisibleEntities(ctx.db, actor, filter, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  await ctx.readAudit.recordReads(actor, INTEL_ENTITY, items);
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null;
  return { items: items.map(toEntity), nextCursor };
}

export async function updateEntity(ctx: AppContext, actor: Actor, id: string, patch: UpdateEntityInput): Promise<Entity> {
  requireUser(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await q.findVisibleEntity(trx, actor, id);
    if (!row) throw notFound(INTEL_ENTITY);
    if (!canManageRecord(actor, row)) throw new AppError('FORBIDDEN');
    const issues: FieldIssue[] = [];
    if (patch.type !== row.type) issues.push({ path: 'type', code: 'intel.type_immutable', params: { type: row.type } });
    const firstSeen = patch.firstSeen === undefined ? iso(row.first_seen) : patch.firstSeen;
    const lastSeen = patch.lastSeen === undefined ? iso(row.last_seen) : patch.lastSeen;
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
    assertSeenOrder(firstSeen, lastSeen);
    const before = toEntity(row);
    const tlp = patch.tlp ?? row.tlp;
    const dist = distributionAfter(distributionOf(row), tlp, patch);
    await assertValidDistribution(trx, actor, tlp, dist);
    const attributes = (patch.attributes ?? row.attributes) as AnyEntityAttributes;
    const identifiers = patch.identifiers ?? (row.identifiers as IdentifierInput[]);
    const index = await indexOrRefuse(trx, row.owner_org_id, row.type, attributes, identifiers);
    await q.updateEntity(trx, id, {
      tlp,
      label: entityLabel(row.type, attributes, index.primaryDisplay),
      attributes,
      ...(patch.identifiers ? { identifiers: cleanIdentifiers(patch.identifiers) } : {}),
      first_seen: firstSeen,
      last_seen: lastSeen,
    });
    await replaceDistribution(trx, INTEL_ENTITY, id, dist);
    await replaceEntityIdentifiers(trx, id, index.values);
    const entity = await reload(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'update', recordType: INTEL_ENTITY, recordId: id, orgId: row.owner_org_id, diff: changes(auditable(before), auditable(entity)) }],
      events: [{ type: 'intel.entity.updated', recordType: INTEL_ENTITY, recordId: id, orgIds: [row.owner_org_id], data: { tlp: entity.tlp } }],
    });
    return entity;
  });
}
