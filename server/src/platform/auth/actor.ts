import type { Role } from '../db/schema.ts';
import type { Locale } from '../i18n/locale.ts';

export const SCOPES = ['read', 'write', 'admin', 'audit'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Membership {
  orgId: string;
  role: Role;
}

/**
 * Who is acting. Every service operation takes one and asks the policy before touching
 * data. Anonymous residents are explicit actors too, never a missing value.
 */
export interface Actor {
  kind: 'user' | 'anonymous' | 'system';
  userId: string | null;
  isPlatformAdmin: boolean;
  memberships: readonly Membership[];
  /** Scopes of the API token in use; null when acting through a session or the CLI. */
  scopes: ReadonlySet<Scope> | null;
  requestId: string | null;
  locale: Locale;
  /**
   * A resident reporting anonymously: their audit entries carry no request id and only the
   * hour, so nothing links them to a moment, a log line or a connection.
   */
  reporter?: true;
}

export function anonymousActor(requestId: string | null, locale: Locale): Actor {
  return { kind: 'anonymous', userId: null, isPlatformAdmin: false, memberships: [], scopes: null, requestId, locale };
}

export function reporterActor(locale: Locale): Actor {
  return { kind: 'anonymous', userId: null, isPlatformAdmin: false, memberships: [], scopes: null, requestId: null, locale, reporter: true };
}

/** The CLI and background jobs: platform administration, but no reading of restricted records. */
export function systemActor(locale: Locale = 'en'): Actor {
  return { kind: 'system', userId: null, isPlatformAdmin: true, memberships: [], scopes: null, requestId: null, locale };
}

export function hasScope(actor: Actor, scope: Scope): boolean {
  return actor.scopes === null || actor.scopes.has(scope);
}

/** The organisation an action is recorded under when the request names none. */
export function primaryOrgId(actor: Actor): string | null {
  return actor.memberships[0]?.orgId ?? null;
}
