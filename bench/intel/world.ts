import type { Role } from '../../server/src/platform/db/schema.ts';
import { systemActor, type Actor } from '../../server/src/platform/auth/actor.ts';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { CreateOrganizationBody } from '../../server/src/modules/organizations/schemas.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { CreateSharingGroupBody } from '../../server/src/modules/sharing-groups/schemas.ts';
import { createSharingGroup } from '../../server/src/modules/sharing-groups/service.ts';
import { CreateUserBody } from '../../server/src/modules/users/schemas.ts';
import { createUser } from '../../server/src/modules/users/service.ts';
import { BENCH_PASSWORD, userActor } from '../api/seed.ts';

/**
 * The organisations, task forces (sharing groups) and analysts of the benchmark, made through
 * the services. Organisation 0 is the searcher's; task force 0 joins it with three partners,
 * task force 1 is one it is not in, so that AMBER records shared with it are hits, not matches.
 */
export interface World {
  orgs: { id: string; country: string }[];
  /** Sharing groups: [0] includes orgs[0]; [1] does not. */
  groups: { id: string; orgIndexes: number[] }[];
  /** One analyst per organisation (the writers of the records). */
  analysts: (Actor & { userId: string })[];
}

const ORGS: [string, string][] = [
  ['Policía Federal (bench)', 'AR'], ['Policía Nacional (bench)', 'CO'], ['Fiscalía General (bench)', 'MX'],
  ['Guardia Civil (bench)', 'ES'], ['Polícia Federal (bench)', 'BR'], ['Policía de Investigaciones (bench)', 'CL'],
];
export const TASK_FORCES: [string, number, number[]][] = [
  ['Fuerza de tarea Ruta del Pacífico', 0, [1, 4, 5]],
  ['Fuerza de tarea Atlántico', 3, [2, 4]],
];

export async function makeUser(ctx: AppContext, key: string, orgId: string, role: Role): Promise<Actor & { userId: string }> {
  const memberships = [{ orgId, role }];
  const created = await createUser(ctx, systemActor(), CreateUserBody.parse({ email: `${key}@bench-intel.example.org`, displayName: `Bench ${key}`, password: BENCH_PASSWORD, memberships }));
  return userActor(created.id, memberships);
}

export async function buildWorld(ctx: AppContext): Promise<World> {
  const system = systemActor();
  const orgs: World['orgs'] = [];
  for (const [name, country] of ORGS) orgs.push({ id: (await createOrganization(ctx, system, CreateOrganizationBody.parse({ name, type: 'police_agency', country }))).id, country });
  const groups: World['groups'] = [];
  for (const [name, owner, members] of TASK_FORCES) {
    const group = await createSharingGroup(ctx, system, CreateSharingGroupBody.parse({ name, ownerOrgId: orgs[owner]!.id, memberOrgIds: members.map((m) => orgs[m]!.id) }));
    groups.push({ id: group.id, orgIndexes: [owner, ...members] });
  }
  const analysts: World['analysts'] = [];
  for (let i = 0; i < orgs.length; i++) analysts.push(await makeUser(ctx, `analyst-${i}`, orgs[i]!.id, 'analyst'));
  return { orgs, groups, analysts };
}
