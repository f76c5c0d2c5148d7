import { prng } from '../common/prng.ts';
import { createContext } from '../../server/src/platform.ts';
import type { Config } from '../../server/src/config.ts';
import { RESTRICTED_TLP } from '../../server/src/platform/access/policy.ts';
import { systemActor, type Actor, type Membership } from '../../server/src/platform/auth/actor.ts';
import { chainPending } from '../../server/src/platform/audit/chainer.ts';
import type { Engine } from '../../server/src/platform/db/engine.ts';
import type { Role, Tlp } from '../../server/src/platform/db/schema.ts';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { createLogger } from '../../server/src/platform/logging/logger.ts';
import { CreateNoteBody } from '../../server/src/modules/notes/schemas.ts';
import * as notes from '../../server/src/modules/notes/queries.ts';
import { createNote } from '../../server/src/modules/notes/service.ts';
import { CreateOrganizationBody } from '../../server/src/modules/organizations/schemas.ts';
import { createOrganization } from '../../server/src/modules/organizations/service.ts';
import { CreateSharingGroupBody } from '../../server/src/modules/sharing-groups/schemas.ts';
import { createSharingGroup } from '../../server/src/modules/sharing-groups/service.ts';
import { CreateTokenBody } from '../../server/src/modules/tokens/schemas.ts';
import { createToken } from '../../server/src/modules/tokens/service.ts';
import { CreateUserBody } from '../../server/src/modules/users/schemas.ts';
import { createUser } from '../../server/src/modules/users/service.ts';

export const BENCH_PASSWORD = 'bench passphrase, not a secret';

/** What the load scenarios need from the seeded database. */
export interface Seeded {
  /** API token (scopes read, write) of the analyst of the owner organisation. */
  token: string;
  analyst: Actor & { userId: string };
  notes: number;
  markings: Record<string, number>;
  /** Notes the analyst may see, and how many of the first page (20) are restricted (audited on read). */
  visibleToAnalyst: number;
  auditedPerPage: number;
}

export function serviceContext(engine: Engine, config: Config): AppContext {
  return createContext(config, engine, createLogger('warn'));
}

export const userActor = (userId: string, memberships: Membership[], requestId: string | null = null): Actor & { userId: string } => ({
  kind: 'user',
  userId,
  isPlatformAdmin: false,
  memberships,
  scopes: null,
  requestId,
  locale: 'en',
});


const WORDS = 'robo vehiculo patrulla sector barrio denuncia alerta banda comercio noche plaza estacion camara testigo informe ruta puerto frontera'.split(' ');

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * Three organisations (owner, partner in a sharing group with it, outsider), five users,
 * the analyst's API token, and `count` notes with mixed TLP markings from several authors,
 * all through the service layer so that rows, distribution and audit entries are real.
 */
export async function seed(engine: Engine, config: Config, count: number): Promise<Seeded> {
  const ctx = serviceContext(engine, config);
  const system = systemActor();
  const org = async (name: string, type: 'police_agency' | 'municipality' | 'ngo', country: string) =>
    (await createOrganization(ctx, system, CreateOrganizationBody.parse({ name, type, country }))).id;
  const owner = await org('Bench Owner Police', 'police_agency', 'CL');
  const partner = await org('Bench Partner Municipality', 'municipality', 'AR');
  const outsider = await org('Bench Outsider NGO', 'ngo', 'PE');
  const group = await createSharingGroup(ctx, system, CreateSharingGroupBody.parse({ name: 'Bench Task Force', ownerOrgId: owner, memberOrgIds: [partner] }));

  const user = async (key: string, orgId: string, role: Role) => {
    const memberships = [{ orgId, role }];
    const created = await createUser(ctx, system, CreateUserBody.parse({ email: `${key}@bench.example.org`, displayName: `Bench ${key}`, password: BENCH_PASSWORD, memberships }));
    return userActor(created.id, memberships);
  };
  const analyst = await user('analyst', owner, 'analyst');
  const officer = await user('officer', owner, 'officer');
  const partnerAnalyst = await user('partner-analyst', partner, 'analyst');
  const partnerMember = await user('partner-member', partner, 'member');
  const outsiderAnalyst = await user('outsider-analyst', outsider, 'analyst');
  const { token } = await createToken(ctx, system, analyst.userId, CreateTokenBody.parse({ name: 'bench', scopes: ['read', 'write'] }));

  // Authors across the three organisations; the analyst writes only a few of the notes.
  const authors = [analyst, officer, officer, partnerAnalyst, partnerAnalyst, partnerMember, outsiderAnalyst, outsiderAnalyst];
  const random = prng(20240601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const markings: Record<string, number> = {};
  const plans = Array.from({ length: count }, (_, i) => {
    const author = pick(authors);
    const writer = author.memberships[0]!.role !== 'member';
    const roll = random();
    let tlp: Tlp;
    let label: string;
    let sharingGroupIds: string[] = [];
    let recipientUserIds: string[] = [];
    if (roll < 0.15 || !writer) [tlp, label] = roll < 0.5 ? ['CLEAR', 'CLEAR'] : ['GREEN', 'GREEN'];
    else if (roll < 0.35) [tlp, label] = ['GREEN', 'GREEN'];
    else if (roll < 0.5) [tlp, label] = ['AMBER', 'AMBER'];
    else if (roll < 0.65 && author !== outsiderAnalyst) {
      [tlp, label] = ['AMBER', 'AMBER shared with group'];
      sharingGroupIds = [group.id];
    } else if (roll < 0.8) [tlp, label] = ['AMBER+STRICT', 'AMBER+STRICT'];
    else {
      const toAnalyst = random() < 0.4;
      [tlp, label] = ['RED', toAnalyst ? 'RED to the analyst' : 'RED to others'];
      recipientUserIds = toAnalyst ? [analyst.userId] : [pick([officer, partnerAnalyst, outsiderAnalyst]).userId];
    }
    markings[label] = (markings[label] ?? 0) + 1;
    const words = Array.from({ length: 40 + Math.floor(random() * 60) }, () => pick(WORDS)).join(' ');
    const input = CreateNoteBody.parse({ tlp, title: `Nota ${i + 1}: ${pick(WORDS)} ${pick(WORDS)}`, body: words, sharingGroupIds, recipientUserIds });
    return { author, input };
  });
  await inParallel(plans, engine.kind === 'postgres' ? 8 : 1, async ({ author, input }) => {
    await createNote(ctx, author, input);
  });
  while ((await chainPending(engine.db)) > 0);

  return { token, analyst, notes: count, markings, ...(await visibility(engine, analyst)) };
}

/** How many notes the analyst sees, and how many of the first page are audited on read. */
export async function visibility(engine: Engine, analyst: Actor) {
  const visibleToAnalyst = (await notes.countVisibleNotes(engine.db, analyst, {})).total;
  const firstPage = await notes.listVisibleNotes(engine.db, analyst, {}, 20, null);
  return { visibleToAnalyst, auditedPerPage: firstPage.filter((r) => RESTRICTED_TLP.includes(r.tlp)).length };
}
