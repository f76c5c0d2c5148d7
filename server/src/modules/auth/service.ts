import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit, journal } from '../../platform/audit/audit-log.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { hmac, platformSecret, randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { attemptSucceeded, reserveAttempt, type ThrottleRule } from '../../platform/auth/throttle.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { deleteSession, findUserByEmail, findUserWithMemberships, insertSession } from './queries.ts';
import type { SessionView } from './schemas.ts';

const FAILURES_PER_ACCOUNT = 5;
const FAILURES_PER_ADDRESS = 20;

export interface NewSession {
  token: string;
  view: SessionView;
}

/**
 * Password login. Failures count per account and per client address (kept only as a keyed
 * hash); either limit locks further attempts for 15 minutes, whatever the password.
 */
export async function login(ctx: AppContext, actor: Actor, input: { email: string; password: string; clientAddress: string }): Promise<NewSession> {
  const addressKey = hmac(await platformSecret(ctx.db, 'throttle'), input.clientAddress);
  const rules: ThrottleRule[] = [
    { key: `account:${sha256(input.email.toLowerCase())}`, maxFailures: FAILURES_PER_ACCOUNT },
    { key: `address:${addressKey}`, maxFailures: FAILURES_PER_ADDRESS },
  ];
  await reserveAttempt(ctx.db, rules);
  const user = await findUserByEmail(ctx.db, input.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.disabled_at) {
    await appendAudit(ctx.db, actor, [{ action: 'auth.login_failed', recordType: 'user', recordId: user?.id ?? null, orgId: null }]);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await attemptSucceeded(ctx.db, rules[0]!.key, rules[1]!.key);
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionHours * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await insertSession(trx, { token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt });
    await appendAudit(trx, { ...actor, userId: user.id }, [{ action: 'auth.login', recordType: 'user', recordId: user.id, orgId: null }]);
  });
  return { token, view: await sessionView(ctx, user.id, csrfToken, expiresAt) };
}

export async function logout(ctx: AppContext, actor: Actor, tokenHash: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await deleteSession(trx, tokenHash);
    if (!removed) return;
    await journal(trx, actor, {
      audit: [{ action: 'auth.logout', recordType: 'user', recordId: removed.user_id, orgId: null }],
      events: [{ type: 'auth.session_ended', data: { tokenHash } }],
    });
  });
  ctx.principals.forgetSession(tokenHash);
}

export async function sessionView(ctx: AppContext, userId: string, csrfToken: string, expiresAt: Date): Promise<SessionView> {
  const { user, memberships } = await findUserWithMemberships(ctx.db, userId);
  return {
    user: { id: user.id, email: user.email, displayName: user.display_name, locale: user.locale, isPlatformAdmin: user.is_platform_admin },
    memberships: memberships.map((m) => ({ orgId: m.org_id, orgName: m.name, orgType: m.type, role: m.role })),
    csrfToken,
    expiresAt: expiresAt.toISOString(),
  };
}
