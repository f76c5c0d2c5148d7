import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import type { Membership } from './actor.ts';

export interface Principal {
  userId: string;
  isPlatformAdmin: boolean;
  locale: 'es' | 'en' | 'pt' | null;
  memberships: Membership[];
}

const membershipsOf = sql<Membership[]>`coalesce((
  select json_agg(json_build_object('orgId', m.org_id, 'role', m.role) order by m.created_at, m.org_id, m.role)
  from memberships m where m.user_id = u.id), '[]'::json)`;

/** The user behind a live session, with memberships, in one round trip. */
export async function findSessionPrincipal(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id as userId', 'u.is_platform_admin as isPlatformAdmin', 'u.locale', 's.csrf_token as csrfToken', 's.expires_at as expiresAt'])
    .select(membershipsOf.as('memberships'))
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The user behind a live, unrevoked API token, with the token's scopes. */
export async function findTokenPrincipal(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id as userId', 'u.is_platform_admin as isPlatformAdmin', 'u.locale', 't.scopes', 't.id as tokenId', 't.expires_at as expiresAt'])
    .select(membershipsOf.as('memberships'))
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}
