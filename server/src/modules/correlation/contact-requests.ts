import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, MANAGER_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, distributionOf, replaceDistribution } from '../../platform/access/distribution.ts';
import { journal, type AuditEntry, type Executor } from '../../platform/audit/audit-log.ts';
import type { ContactRequestStatus } from '../../platform/db/schema.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findVisibleEntities, findWrittenEntity, insertEntity, updateEntity, visibleEntityTypes } from '../intel/entity-queries.ts';
import { INTEL_ENTITY } from '../intel/visibility.ts';
import * as cq from './contact-queries.ts';
import { toOrganisation, toPerson } from './feed-markings.ts';
import { displayIdentifier } from './normalise/index.ts';
import type { IdentifierKind } from './identifier-kinds.ts';
import { copyIdentifiers, findOwnHit, hitEntityIds } from './queries.ts';
import type { AcceptContactRequestInput, ContactRequest, CreateContactRequestInput } from './schemas.ts';

export const CONTACT_REQUEST = 'intel_contact_request';

/**
 * Contact requests follow a hit: the searcher asks the organisation holding the records, and
 * its coordinators (admin or coordinator roles) accept, sharing what they choose, or decline.
 * Only the requester and those coordinators see a request; to anyone else it does not exist.
 */
async function toView(ctx: AppContext, actor: Actor, row: cq.ContactRequestRow, asOwner: boolean): Promise<ContactRequest> {
  const ids = asOwner ? await hitEntityIds(ctx.db, row.hit_id) : row.shared_entity_ids;
  const entities = await findVisibleEntities(ctx.db, actor, ids);
  await ctx.readAudit.recordReads(actor, INTEL_ENTITY, entities);
  // What was shared, as far as this reader may see it (a RED copy is for the requester).
  const shared = await visibleEntityTypes(ctx.db, actor, row.shared_entity_ids);
  return {
    id: row.id,
    status: row.status,
    kind: row.kind as IdentifierKind,
    display: displayIdentifier(row.kind as IdentifierKind, row.value),
    message: row.message,
    response: row.response,
    organisation: asOwner || row.owner_named ? { id: row.owner_org_id, name: row.owner_name } : null,
    requester: { userId: row.requester_user_id, name: row.requester_name, orgId: row.requester_org_id, orgName: row.requester_org_name },
    entities: entities.map((e) => ({ id: e.id, type: e.type, label: e.label, tlp: e.tlp })),
    sharedVia: row.shared_via,
    sharingGroupId: asOwner ? row.sharing_group_id : null,
    sharedEntityIds: row.shared_entity_ids.filter((id) => shared.has(id)),
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
  };
}

const isOwnerCoordinator = (actor: Actor, row: { owner_org_id: string }) => hasRoleIn(actor, row.owner_org_id, MANAGER_ROLES);

/**
 * A request names a hit the searcher was given. A hit that does not exist and another user's
 * hit get the same 404 after the same single query, so the endpoint reveals nothing about
 * records, hits or other users.
 */
export async function createContactRequest(ctx: AppContext, actor: Actor, input: CreateContactRequestInput): Promise<ContactRequest> {
  requireUser(actor);
  requireScope(actor, 'write');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const hit = await findOwnHit(trx, actor.userId, input.hitId);
    if (!hit) throw notFound('intel_hit');
    const created = await cq.insertRequest(trx, { hit_id: hit.id, requester_user_id: actor.userId, requester_org_id: hit.searcher_org_id, owner_org_id: hit.owner_org_id, message: input.message });
    if (!created) throw new AppError('CONFLICT', { what: 'contact request' }, [{ path: 'hitId', code: 'intel.request_exists' }]);
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: CONTACT_REQUEST, recordId: created, orgId: hit.searcher_org_id, diff: { hitId: hit.id, ownerOrgId: hit.owner_org_id, message: input.message } }],
      events: [{ type: 'intel.contact_request.created', recordType: CONTACT_REQUEST, recordId: created, orgIds: [hit.owner_org_id] }],
    });
    await ctx.feed.publish(trx, { kind: 'intel.contact_request.received', record: { type: CONTACT_REQUEST, id: created }, marking: toOrganisation(hit.owner_org_id) });
    return created;
  });
  return toView(ctx, actor, (await cq.findRequest(ctx.db, id))!, false);
}

export async function listContactRequests(ctx: AppContext, actor: Actor, filter: { box: 'inbox' | 'outbox'; status?: ContactRequestStatus | undefined }): Promise<ContactRequest[]> {
  requireUser(actor);
  requireScope(actor, 'read');
  const status = filter.status ? { status: filter.status } : {};
  const rows = filter.box === 'outbox'
    ? await cq.listRequests(ctx.db, { requesterUserId: actor.userId, ...status }, 200)
    : await cq.listRequests(ctx.db, { ownerOrgIds: orgsWithRole(actor, MANAGER_ROLES), ...status }, 200);
  return Promise.all(rows.map((row) => toView(ctx, actor, row, filter.box === 'inbox')));
}

export async function getContactRequest(ctx: AppContext, actor: Actor, id: string): Promise<ContactRequest> {
  requireUser(actor);
  requireScope(actor, 'read');
  const row = await cq.findRequest(ctx.db, id);
  if (row && isOwnerCoordinator(actor, row)) return toView(ctx, actor, row, true);
  if (row && row.requester_user_id === actor.userId) return toView(ctx, actor, row, false);
  throw notFound(CONTACT_REQUEST);
}

/** The pending request, for one of the owner's coordinators; 404 for anyone else but the requester (403). */
async function pendingForOwner(trx: Executor, actor: Actor, id: string): Promise<cq.ContactRequestRow> {
  const row = await cq.findRequest(trx, id);
  if (!row || (!isOwnerCoordinator(actor, row) && row.requester_user_id !== actor.userId)) throw notFound(CONTACT_REQUEST);
  if (!isOwnerCoordinator(actor, row)) throw new AppError('FORBIDDEN');
  if (row.status !== 'pending') throw new AppError('CONFLICT', { what: 'decision' }, [{ path: 'status', code: 'intel.request_decided' }]);
  return row;
}

const decidedEvent = (row: cq.ContactRequestRow, status: 'accepted' | 'declined'): DomainEvent => ({
  type: 'intel.contact_request.decided', recordType: CONTACT_REQUEST, recordId: row.id, orgIds: row.requester_org_id ? [row.requester_org_id] : [], data: { status },
});

/** The requester alone learns of the decision in the operations feed. */
const publishDecision = (ctx: AppContext, trx: Executor, row: cq.ContactRequestRow, status: 'accepted' | 'declined') =>
  ctx.feed.publish(trx, { kind: 'intel.contact_request.decided', record: { type: CONTACT_REQUEST, id: row.id }, marking: toPerson(row.requester_org_id ?? row.owner_org_id, row.requester_user_id), data: { status } });

/** The owner's records of the hit that can still be shared (AMBER or AMBER+STRICT). */
async function shareableRecords(trx: Executor, row: cq.ContactRequestRow) {
  const records = await Promise.all((await hitEntityIds(trx, row.hit_id)).map((id) => findWrittenEntity(trx, id)));
  return records.filter((e) => e.owner_org_id === row.owner_org_id && (e.tlp === 'AMBER' || e.tlp === 'AMBER+STRICT'));
}

/**
 * Accepting shares what the owner chooses: through a sharing group that includes the
 * requester's organisation (the records become AMBER with that group added, so the
 * requester's need-to-know colleagues read them too), or as TLP:RED copies for the requester
 * alone, owned by the owner and pointing to the original (`copyOf`).
 */
export async function acceptContactRequest(ctx: AppContext, actor: Actor, id: string, input: AcceptContactRequestInput): Promise<ContactRequest> {
  requireUser(actor);
  requireScope(actor, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await pendingForOwner(trx, actor, id);
    const records = await shareableRecords(trx, row);
    const audit: AuditEntry[] = [];
    const events: DomainEvent[] = [];
    const shared: string[] = [];
    if (input.shareVia === 'sharing_group') {
      await assertValidDistribution(trx, actor, 'AMBER', { sharingGroupIds: [input.sharingGroupId], recipientUserIds: [] });
      const member = await trx.selectFrom('sharing_group_members').select('org_id').where('group_id', '=', input.sharingGroupId).where('org_id', '=', row.requester_org_id ?? '00000000-0000-0000-0000-000000000000').executeTakeFirst();
      if (!member) throw invalidField('sharingGroupId', 'intel.group_lacks_requester');
      for (const e of records) {
        const before = distributionOf(e);
        const groups = [...new Set([...before.sharingGroupIds, input.sharingGroupId])];
        await updateEntity(trx, e.id, { tlp: 'AMBER' });
        await replaceDistribution(trx, INTEL_ENTITY, e.id, { sharingGroupIds: groups, recipientUserIds: [] });
        audit.push({ action: 'update', recordType: INTEL_ENTITY, recordId: e.id, orgId: e.owner_org_id, diff: { tlp: { from: e.tlp, to: 'AMBER' }, sharingGroupIds: { from: before.sharingGroupIds, to: groups }, contactRequestId: id } });
        events.push({ type: 'intel.entity.updated', recordType: INTEL_ENTITY, recordId: e.id, orgIds: [e.owner_org_id], data: { tlp: 'AMBER' } });
        shared.push(e.id);
      }
    } else {
      for (const e of records) {
        const copyId = await insertEntity(trx, {
          owner_org_id: e.owner_org_id, created_by: actor.userId, tlp: 'RED', type: e.type, label: e.label, attributes: e.attributes,
          identifiers: e.identifiers, first_seen: e.first_seen ? e.first_seen.toISOString() : null, last_seen: e.last_seen ? e.last_seen.toISOString() : null, copy_of: e.id,
        });
        await replaceDistribution(trx, INTEL_ENTITY, copyId, { sharingGroupIds: [], recipientUserIds: [row.requester_user_id] }, true);
        await copyIdentifiers(trx, e.id, copyId);
        audit.push({ action: 'create', recordType: INTEL_ENTITY, recordId: copyId, orgId: e.owner_org_id, diff: { copyOf: e.id, tlp: 'RED', recipientUserIds: [row.requester_user_id], contactRequestId: id } });
        events.push({ type: 'intel.entity.created', recordType: INTEL_ENTITY, recordId: copyId, orgIds: [e.owner_org_id], data: { tlp: 'RED' } });
        shared.push(copyId);
      }
    }
    const decided = await cq.decide(trx, id, {
      status: 'accepted', response: input.response, decided_by: actor.userId, shared_via: input.shareVia,
      sharing_group_id: input.shareVia === 'sharing_group' ? input.sharingGroupId : null, shared_entity_ids: shared,
    });
    if (!decided) throw new AppError('CONFLICT', { what: 'decision' }, [{ path: 'status', code: 'intel.request_decided' }]);
    audit.push({ action: 'accept', recordType: CONTACT_REQUEST, recordId: id, orgId: row.owner_org_id, diff: { shareVia: input.shareVia, sharedEntityIds: shared, response: input.response } });
    events.push(decidedEvent(row, 'accepted'));
    await journal(trx, actor, { audit, events });
    await publishDecision(ctx, trx, row, 'accepted');
  });
  return toView(ctx, actor, (await cq.findRequest(ctx.db, id))!, true);
}

export async function declineContactRequest(ctx: AppContext, actor: Actor, id: string, response: string): Promise<ContactRequest> {
  requireUser(actor);
  requireScope(actor, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await pendingForOwner(trx, actor, id);
    if (!(await cq.decide(trx, id, { status: 'declined', response, decided_by: actor.userId }))) {
      throw new AppError('CONFLICT', { what: 'decision' }, [{ path: 'status', code: 'intel.request_decided' }]);
    }
    await journal(trx, actor, {
      audit: [{ action: 'decline', recordType: CONTACT_REQUEST, recordId: id, orgId: row.owner_org_id, diff: { response } }],
      events: [decidedEvent(row, 'declined')],
    });
    await publishDecision(ctx, trx, row, 'declined');
  });
  return toView(ctx, actor, (await cq.findRequest(ctx.db, id))!, true);
}
