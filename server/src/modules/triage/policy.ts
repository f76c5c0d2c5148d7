import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { hasScope } from '../../platform/auth/actor.ts';
import { MANAGER_ROLES, orgsWithRole } from '../../platform/access/policy.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { notFound } from '../../platform/errors/app-error.ts';

const inList = (column: Expression<unknown>, values: readonly string[]) =>
  values.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`${column} in (${sql.join(values)})`;

/**
 * Condition true for the reports (alias: a `reports` row) whose original text the actor may
 * read and triage: coordinators and administrators of the responsible organisation, and of the
 * intake line (triage hubs) for tips and unsafe places. Police-conduct feedback is handled only
 * by oversight bodies: the responsible one, or any of them while it is unassigned.
 */
export function triageableBy(actor: Actor, alias: string): Expression<SqlBool> {
  if (actor.kind !== 'user' || !hasScope(actor, 'read')) return sql<SqlBool>`false`;
  const managed = orgsWithRole(actor, MANAGER_ROLES);
  if (managed.length === 0) return sql<SqlBool>`false`;
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const managedOrg = (condition: Expression<SqlBool>) =>
    sql<SqlBool>`exists (select 1 from organizations mo where ${inList(sql.ref('mo.id'), managed)} and ${condition})`;
  return sql<SqlBool>`(
    ${inList(col('responsible_org_id'), managed)}
    or (${col('channel')} <> 'conduct' and ${managedOrg(sql<SqlBool>`mo.triage_hub`)})
    or (${col('channel')} = 'conduct' and ${col('responsible_org_id')} is null and ${managedOrg(sql<SqlBool>`mo.type = 'oversight_body'`)})
  )`;
}

/** Throws "not found" (never "forbidden", which would confirm the report exists) unless the actor may triage it. */
export async function assertCanTriageReport(db: Executor, actor: Actor, reportId: string): Promise<void> {
  const row = await db.selectFrom('reports as r').select('r.id').where('r.id', '=', reportId).where(triageableBy(actor, 'r')).executeTakeFirst();
  if (!row) throw notFound('report');
}
