import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/engine.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { findUserWithMemberships } from '../auth/queries.ts';

/**
 * The actor an import runs as when no request carries one (the CLI, a background job): the
 * user with their current memberships; null when the account is gone or disabled.
 */
export async function actorOf(db: Db, userId: string, locale: Locale): Promise<Actor | null> {
  const disabled = await db.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirst();
  if (!disabled || disabled.disabled_at !== null) return null;
  const { user, memberships } = await findUserWithMemberships(db, userId);
  return {
    kind: 'user',
    userId: user.id,
    isPlatformAdmin: user.is_platform_admin,
    memberships: memberships.map((m) => ({ orgId: m.org_id, role: m.role })),
    scopes: null,
    requestId: null,
    locale,
  };
}
