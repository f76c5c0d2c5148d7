import type { Actor } from '../../platform/auth/actor.ts';
import { journal, type Executor } from '../../platform/audit/audit-log.ts';
import { invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { ReportChannel } from '../../platform/db/schema.ts';
import { assertCanManageRouting, assertCanReadRouting } from './policy.ts';
import * as q from './queries.ts';
import type { CreateRoutingRuleInput, RoutingDecision, RoutingRule } from './schemas.ts';

/**
 * Who should handle a report: one responsible organisation (the best matching "responsible"
 * rule) and every organisation of a matching "informed" rule. Police-conduct feedback never
 * goes to the unit it concerns.
 */
export async function decideRoute(db: Executor, reportId: string): Promise<RoutingDecision> {
  const report = await q.reportForRouting(db, reportId);
  if (!report) throw notFound('report');
  const rules = await q.matchingRules(db, reportId, report.concerned_org_id ? [report.concerned_org_id] : []);
  const responsible = rules.find((r) => r.role === 'responsible') ?? null;
  const informed = [...new Set(rules.filter((r) => r.role === 'informed' && r.org_id !== responsible?.org_id).map((r) => r.org_id))];
  return { responsible: responsible && { orgId: responsible.org_id, ruleId: responsible.id }, informedOrgIds: informed };
}

/** Routes a just-received report, in the caller's transaction; unmatched reports stay unassigned. */
export async function assignRoute(trx: Executor, reportId: string): Promise<RoutingDecision> {
  const decision = await decideRoute(trx, reportId);
  await q.setRoute(trx, reportId, decision.responsible?.orgId ?? null, decision.responsible?.ruleId ?? null);
  return decision;
}

const toRule = (r: Awaited<ReturnType<typeof q.listRules>>[number]): RoutingRule => ({
  id: r.id,
  channel: r.channel,
  category: r.category,
  orgId: r.org_id,
  orgName: r.org_name,
  role: r.role,
  scope: r.scope,
  priority: r.priority,
  createdAt: r.created_at.toISOString(),
});

export async function listRoutingRules(ctx: AppContext, actor: Actor, channel?: ReportChannel): Promise<RoutingRule[]> {
  await assertCanReadRouting(ctx.db, actor);
  return (await q.listRules(ctx.db, channel)).map(toRule);
}

export async function createRoutingRule(ctx: AppContext, actor: Actor, input: CreateRoutingRuleInput): Promise<RoutingRule> {
  await assertCanManageRouting(ctx.db, actor);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const org = await q.orgForRule(trx, input.orgId);
    if (!org) throw invalidField('orgId', 'unknown_reference', { id: input.orgId });
    if (input.scope === 'jurisdiction' && !org.has_jurisdiction) throw invalidField('scope', 'routing.no_jurisdiction');
    // Complaints about police conduct are handled by an oversight body, never by the police.
    if (input.channel === 'conduct' && input.role === 'responsible' && org.type !== 'oversight_body') throw invalidField('orgId', 'routing.conduct_needs_oversight');
    if (input.category && !(await q.categoryOfChannel(trx, input.category, input.channel))) throw invalidField('category', 'unknown_category');
    const { id } = await q.insertRule(trx, {
      channel: input.channel, category: input.category, org_id: input.orgId, role: input.role, scope: input.scope, priority: input.priority, created_by: actor.userId!,
    });
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: 'routing_rule', recordId: id, orgId: input.orgId, diff: { after: input } }],
      events: [{ type: 'routing_rule.changed', recordType: 'routing_rule', recordId: id }],
    });
    return id;
  });
  return toRule((await q.findRule(ctx.db, id))!);
}

export async function deleteRoutingRule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await assertCanManageRouting(ctx.db, actor);
  await ctx.db.transaction().execute(async (trx) => {
    const rule = await q.findRule(trx, id);
    if (!rule) throw notFound('routing_rule');
    await q.deleteRule(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'delete', recordType: 'routing_rule', recordId: id, orgId: rule.org_id, diff: { before: toRule(rule) } }],
      events: [{ type: 'routing_rule.changed', recordType: 'routing_rule', recordId: id }],
    });
  });
}
