import type { Actor, Scope } from '../../platform/auth/actor.ts';
import { requireScope, requireUser } from '../../platform/access/policy.ts';
import { appendAudit, journal } from '../../platform/audit/audit-log.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as q from './queries.ts';
import type { CreateTokenInput, TokenInfo } from './schemas.ts';

export const TOKEN_PREFIX = 'alz_';

const view = (row: Awaited<ReturnType<typeof q.listTokens>>[number]): TokenInfo => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Scope[],
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * API tokens act as their user, narrowed to their scopes. A token can never widen what its
 * user may do, and tokens cannot mint tokens (a stolen token must not outlive revocation).
 */
export async function createToken(ctx: AppContext, actor: Actor, userId: string, input: CreateTokenInput): Promise<TokenInfo & { token: string }> {
  if (actor.kind !== 'system') {
    requireUser(actor);
    if (actor.scopes !== null || actor.userId !== userId) throw new AppError('FORBIDDEN');
  }
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const scopes = [...new Set(input.scopes)];
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const row = await q.insertToken(trx, { user_id: userId, name: input.name, token_hash: sha256(secret), scopes, expires_at: expiresAt });
    await appendAudit(trx, actor, [{ action: 'token.create', recordType: 'api_token', recordId: row.id, diff: { after: { name: input.name, scopes, userId } } }]);
    return row;
  });
  return { ...view(row), token: secret };
}

export async function listTokens(ctx: AppContext, actor: Actor): Promise<TokenInfo[]> {
  requireUser(actor);
  return (await q.listTokens(ctx.db, actor.userId)).map(view);
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  const tokenHash = await ctx.db.transaction().execute(async (trx) => {
    const revoked = await q.revokeToken(trx, actor.userId, id);
    if (!revoked) throw notFound('api_token');
    await journal(trx, actor, {
      audit: [{ action: 'token.revoke', recordType: 'api_token', recordId: id }],
      events: [{ type: 'auth.token_revoked', recordType: 'api_token', recordId: id, data: { tokenHash: revoked.token_hash } }],
    });
    return revoked.token_hash;
  });
  ctx.principals.forgetToken(tokenHash);
}
