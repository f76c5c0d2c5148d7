import type { Actor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, RESTRICTED_TLP } from '../../platform/access/policy.ts';
import { journal, type AuditEntry, type Executor } from '../../platform/audit/audit-log.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { FeedEventInput } from '../../platform/feed/feed-event.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { INTEL_ENTITY } from '../intel/visibility.ts';
import type { IndexValue } from './entity-identifiers.ts';
import { displayIdentifier } from './normalise/index.ts';
import { toOrganisation, toPerson } from './feed-markings.ts';
import * as q from './queries.ts';
import type { Correlation } from './schemas.ts';

export const INTEL_HIT = 'intel_hit';

/**
 * What the actor may learn about each value: the visible records holding it (matches), and
 * for records it may not see only which partner organisation holds one (hits, never their
 * content). RED records make no hit: TLP:RED allows no disclosure beyond the named
 * recipients, existence included. The organisation is named when one of its records is AMBER
 * (TLP 2.0 AMBER allows sharing on a need-to-know basis beyond the organisation); for
 * AMBER+STRICT only "a partner organisation" is said and the request goes to it unnamed.
 *
 * Values held by more than the configured number of entities are flagged as too common and
 * neither matched nor hit (a shared switchboard number correlates everything with everything).
 * Hits, reads of restricted matches and their events are written in the caller's transaction.
 */
export async function correlateValues(ctx: AppContext, trx: Executor, actor: Actor & { userId: string }, values: readonly IndexValue[], excludeEntityId: string | null): Promise<Correlation[]> {
  const threshold = ctx.config.correlationCommonThreshold;
  const searcherOrgId = orgsWithRole(actor, NEED_TO_KNOW_ROLES)[0] ?? null;
  const audit: AuditEntry[] = [];
  const events: DomainEvent[] = [];
  const feed: FeedEventInput[] = [];
  const results: Correlation[] = [];
  for (const { kind, value } of values) {
    const base = { kind, value, display: displayIdentifier(kind, value) };
    if ((await q.occurrencesUpTo(trx, kind, value, threshold + 1)) > threshold) {
      results.push({ ...base, tooCommon: true, matches: [], hits: [] });
      continue;
    }
    const found = await q.occurrencesOf(trx, actor, kind, value, excludeEntityId);
    const visible = found.filter((o) => o.visible);
    const hidden = new Map<string, q.Occurrence[]>();
    for (const o of found) {
      if (o.visible || o.tlp === 'RED' || searcherOrgId === null) continue;
      hidden.set(o.owner_org_id, [...(hidden.get(o.owner_org_id) ?? []), o]);
    }
    const names = await q.orgNames(trx, [...hidden.keys()]);
    const hits: Correlation['hits'] = [];
    for (const [ownerOrgId, held] of hidden) {
      const named = held.some((o) => o.tlp === 'AMBER');
      const hitId = await q.insertHit(trx, { searcher_user_id: actor.userId, searcher_org_id: searcherOrgId, owner_org_id: ownerOrgId, owner_named: named, kind, value }, held.map((o) => o.entity_id));
      hits.push({ hitId, organisation: named ? { id: ownerOrgId, name: names.get(ownerOrgId) ?? '' } : null });
      audit.push({ action: 'create', recordType: INTEL_HIT, recordId: hitId, orgId: searcherOrgId, diff: { kind, value, ownerOrgId, entityIds: held.map((o) => o.entity_id), ownerNamed: named } });
      events.push({ type: 'intel.hit.created', recordType: INTEL_HIT, recordId: hitId, orgIds: [ownerOrgId], data: { ownerNamed: named } });
      const record = { type: INTEL_HIT, id: hitId };
      feed.push({ kind: 'intel.hit.found', record, marking: toPerson(searcherOrgId!, actor.userId), data: { ownerNamed: named } });
      feed.push({ kind: 'intel.hit.received', record, marking: toOrganisation(ownerOrgId) });
    }
    for (const o of visible) {
      if (RESTRICTED_TLP.includes(o.tlp)) audit.push({ action: 'read', recordType: INTEL_ENTITY, recordId: o.entity_id, diff: { tlp: o.tlp } });
    }
    results.push({
      ...base,
      tooCommon: false,
      matches: visible.map((o) => ({ entityId: o.entity_id, type: o.type, label: o.label, tlp: o.tlp, ownerOrgId: o.owner_org_id, mergedIntoId: o.merged_into })),
      hits,
    });
  }
  if (audit.length > 0 || events.length > 0) await journal(trx, actor, { audit, events });
  await ctx.feed.publish(trx, feed);
  return results;
}
