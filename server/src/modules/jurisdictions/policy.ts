import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Jurisdictions (which organisation covers which area: its name, type, country and
 * boundary) are public, anonymous visitors included: residents need to know which police
 * district or municipality covers them. The rest of the directory stays for signed-in users.
 */
export function assertCanSeeJurisdictions(_actor: Actor): void {}
