import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { appendAudit, type Executor } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { correlateValues } from './correlate.ts';
import { normaliseIdentifier } from './normalise/index.ts';
import type { Correlation, LookupQuery } from './schemas.ts';

/**
 * Identifier lookups are an investigative tool: need-to-know roles only (members, viewers
 * and auditors search entities by name instead). Every lookup is audited with what was
 * looked up and how many matches and hits it gave, as police systems log every query.
 */
export async function lookupIdentifier(ctx: AppContext, actor: Actor, query: LookupQuery): Promise<Correlation> {
  requireUser(actor);
  requireScope(actor, 'read');
  if (orgsWithRole(actor, NEED_TO_KNOW_ROLES).length === 0) throw new AppError('FORBIDDEN');
  const country = query.country ?? (await orgCountry(ctx.db, primaryOrgId(actor)));
  const n = normaliseIdentifier(query.kind, query.value, country);
  if (!n.ok) throw invalidField('value', n.code, n.params);
  return ctx.db.transaction().execute(async (trx) => {
    const [result] = await correlateValues(ctx, trx, actor, [{ kind: query.kind, value: n.value }], null);
    await appendAudit(trx, actor, [
      { action: 'lookup', recordType: 'intel_identifier', recordId: null, diff: { kind: query.kind, value: n.value, matches: result!.matches.length, hits: result!.hits.length, tooCommon: result!.tooCommon } },
    ]);
    return result!;
  });
}

export async function orgCountry(db: Executor, orgId: string | null): Promise<string | null> {
  if (!orgId) return null;
  const row = await db.selectFrom('organizations').select('country').where('id', '=', orgId).executeTakeFirst();
  return row?.country ?? null;
}
