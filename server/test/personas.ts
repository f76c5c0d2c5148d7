import { anonymousActor, systemActor, type Actor, type Membership, type Scope } from '../src/platform/auth/actor.ts';
import type { Marking } from '../src/platform/access/policy.ts';
import { ROLES, type Role, type Tlp } from '../src/platform/db/schema.ts';
import type { AppContext } from '../src/platform/http/context.ts';
import { createSharingGroup } from '../src/modules/sharing-groups/service.ts';
import { makeOrg, makeToken, makeUser } from './factories.ts';

/**
 * The personas of the access matrix: every role in the owning organisation, in a partner
 * organisation of the record's task force and in an unrelated organisation, plus the edge
 * cases (anonymous, a named RED recipient, the author, a token without the read scope, a
 * platform administrator without membership, and a user with roles in two organisations).
 */
export interface Persona {
  label: string;
  actor: Actor;
  /** API token with the persona's scopes (null: anonymous). */
  token: string | null;
}

/** The markings a record can carry here, with their distribution. */
export const MARKING_KINDS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT', 'RED', 'RED-unnamed'] as const;
export type MarkingKind = (typeof MARKING_KINDS)[number];

export interface PersonaWorld {
  ownOrgId: string;
  partnerOrgId: string;
  otherOrgId: string;
  groupId: string;
  author: Persona;
  personas: Persona[];
  marking(kind: MarkingKind): Marking;
}

const userActor = (userId: string, memberships: Membership[], scopes: Scope[] | null = null, isPlatformAdmin = false): Actor => ({
  kind: 'user', userId, isPlatformAdmin, memberships, scopes: scopes ? new Set(scopes) : null, requestId: null, locale: 'en',
});

export async function makePersonaWorld(ctx: AppContext): Promise<PersonaWorld> {
  const own = await makeOrg(ctx, { type: 'police_agency', country: 'CL' });
  const partner = await makeOrg(ctx, { type: 'prosecutor', country: 'GT' });
  const other = await makeOrg(ctx, { type: 'ngo', country: 'CL' });
  const group = await createSharingGroup(ctx, systemActor(), { name: `Task force ${own.id.slice(0, 8)}`, description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] });
  const orgOf = { own: own.id, group: partner.id, other: other.id };

  const persona = async (label: string, memberships: Membership[], scopes: Scope[] = ['read'], platformAdmin = false): Promise<Persona> => {
    const user = await makeUser(ctx, memberships, { platformAdmin });
    return { label, actor: userActor(user.id, memberships, scopes, platformAdmin), token: await makeToken(ctx, user.id, scopes) };
  };
  const personas: Persona[] = [];
  for (const [position, orgId] of Object.entries(orgOf)) {
    for (const role of ROLES) personas.push(await persona(`${role}@${position}`, [{ orgId, role }]));
  }
  const recipient = await persona('RED recipient (viewer@other)', [{ orgId: other.id, role: 'viewer' }]);
  const author = await persona('author (member@own)', [{ orgId: own.id, role: 'member' }], ['read', 'write']);
  personas.push(
    recipient,
    author,
    { label: 'anonymous', actor: anonymousActor(null, 'en'), token: null },
    await persona('analyst@own, token without read', [{ orgId: own.id, role: 'analyst' }], ['write']),
    await persona('platform admin, no membership', [], ['read'], true),
    await persona('viewer@own + analyst@group', [{ orgId: own.id, role: 'viewer' as Role }, { orgId: partner.id, role: 'analyst' as Role }]),
  );

  const marking = (kind: MarkingKind): Marking => ({
    tlp: kind.replace(/\+group|-unnamed/, '') as Tlp,
    ownerOrgId: own.id,
    createdBy: author.actor.userId,
    sharingGroupIds: kind === 'AMBER+group' ? [group.id] : [],
    recipientUserIds: kind === 'RED' ? [recipient.actor.userId!] : [],
  });
  return { ownOrgId: own.id, partnerOrgId: partner.id, otherOrgId: other.id, groupId: group.id, author, personas, marking };
}
