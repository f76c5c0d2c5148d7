import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { replaceDistribution } from '../../platform/access/distribution.ts';
import { appendAudit, currentHour, type AuditEntry } from '../../platform/audit/audit-log.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { insertNote, NOTE } from '../notes/queries.ts';
import { insertRule } from '../routing/queries.ts';
import { assignRoute } from '../routing/service.ts';
import { insertGroup, replaceMembers } from '../sharing-groups/queries.ts';
import { insertTip } from '../tips/queries.ts';
import { insertMemberships, insertUser } from '../users/queries.ts';
import { geometriesOf, loadDistricts } from './districts.ts';
import { seedDemoImport } from './incidents.ts';
import * as q from './queries.ts';
import { DEMO_EMAILS, DEMO_NOTES, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_ROUTING_RULES, DEMO_TASK_FORCE, DEMO_TIPS, DEMO_USERS, demoEmail } from './world.ts';

export interface DemoAccount {
  email: string;
  displayName: string;
  /** e.g. "analyst, Rose City Police Agency (DEMO)". */
  roles: string[];
  platformAdmin: boolean;
}

export interface DemoWorld {
  password: string;
  accounts: DemoAccount[];
  organizationIds: Record<string, string>;
}

/**
 * Creates the fictional demo world (world.ts) in one transaction when the database has no
 * organisation and no user yet (so an administrator created with the CLI before the first
 * start never finds demo accounts beside theirs); returns null, changing nothing, otherwise. Every record it writes is
 * audited as created by the system. Whether to call it at all is the configuration's
 * decision (`config.demo`: never on a PostgreSQL server or in production).
 */
export async function seedDemoWorld(ctx: AppContext, actor: Actor): Promise<DemoWorld | null> {
  if (actor.kind !== 'system') throw new AppError('FORBIDDEN');
  if (await q.inUse(ctx.db)) return null;
  const districts = loadDistricts();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Demo tips have no usable receipt: a hash of a random passphrase nobody knows.
  const unusablePassphrase = await hashPassword(randomBytes(32).toString('hex'));

  return ctx.db.transaction().execute(async (trx) => {
    await q.lockSeeding(trx);
    if (await q.inUse(trx)) return null; // another instance was faster
    const audit: AuditEntry[] = [];

    const orgIds: Record<string, string> = {};
    for (const org of DEMO_ORGANIZATIONS) {
      const { id } = await q.insertOrganization(trx, { ...org, area: org.area ? geometriesOf(districts, org.area) : null });
      orgIds[org.key] = id;
      audit.push({ action: 'create', recordType: 'organization', recordId: id, orgId: id, diff: { after: { name: org.name, type: org.type, country: org.country, jurisdiction: org.area ? 'set' : null, demo: true } } });
    }
    const orgName = (key: string) => DEMO_ORGANIZATIONS.find((o) => o.key === key)!.name;

    const userIds: Record<string, string> = {};
    const accounts: DemoAccount[] = [];
    for (const user of DEMO_USERS) {
      const email = demoEmail(user.login);
      const memberships = user.memberships.map((m) => ({ orgId: orgIds[m.org]!, role: m.role }));
      const { id } = await insertUser(trx, { email, display_name: user.displayName, password_hash: passwordHash, locale: user.locale ?? null, is_platform_admin: user.platformAdmin ?? false });
      await insertMemberships(trx, id, memberships);
      userIds[user.login] = id;
      accounts.push({ email, displayName: user.displayName, roles: user.memberships.map((m) => `${m.role}, ${orgName(m.org)}`), platformAdmin: user.platformAdmin ?? false });
      audit.push({
        action: 'create',
        recordType: 'user',
        recordId: id,
        orgId: memberships[0]?.orgId ?? null,
        diff: { after: { email, displayName: user.displayName, password: 'set', memberships, platformAdmin: user.platformAdmin ?? false, demo: true } },
      });
    }

    const groupOwner = orgIds[DEMO_TASK_FORCE.owner]!;
    const groupMembers = [DEMO_TASK_FORCE.owner, ...DEMO_TASK_FORCE.members].map((key) => orgIds[key]!);
    const group = await insertGroup(trx, { name: DEMO_TASK_FORCE.name, description: DEMO_TASK_FORCE.description, owner_org_id: groupOwner });
    await replaceMembers(trx, group.id, groupMembers);
    audit.push({ action: 'create', recordType: 'sharing_group', recordId: group.id, orgId: groupOwner, diff: { after: { name: DEMO_TASK_FORCE.name, members: groupMembers, demo: true } } });

    for (const note of DEMO_NOTES) {
      const ownerOrgId = orgIds[note.owner]!;
      const row = await insertNote(trx, { owner_org_id: ownerOrgId, created_by: userIds[note.author]!, tlp: note.tlp, title: note.title, body: note.body });
      const dist = { sharingGroupIds: note.taskForce ? [group.id] : [], recipientUserIds: (note.recipients ?? []).map((login) => userIds[login]!) };
      await replaceDistribution(trx, NOTE, row.id, dist, true);
      audit.push({ action: 'create', recordType: NOTE, recordId: row.id, orgId: ownerOrgId, diff: { after: { tlp: note.tlp, title: note.title, body: note.body, ...dist, demo: true } } });
    }

    for (const rule of DEMO_ROUTING_RULES) {
      const { id } = await insertRule(trx, { channel: rule.channel, category: rule.category, org_id: orgIds[rule.org]!, role: rule.role, scope: rule.scope, priority: 0, created_by: userIds.admin! });
      audit.push({ action: 'create', recordType: 'routing_rule', recordId: id, orgId: orgIds[rule.org]!, diff: { after: { ...rule, demo: true } } });
    }
    for (const tip of DEMO_TIPS) {
      const row = await insertTip(trx, {
        receipt_key: randomBytes(32).toString('hex'), passphrase_hash: unusablePassphrase, category: tip.category, body: tip.body,
        location: tip.at, location_text: tip.locationText, received_hour: currentHour(),
      });
      const route = await assignRoute(trx, row!.id);
      audit.push({ action: 'create', recordType: 'report', recordId: row!.id, orgId: route.responsible?.orgId ?? null, diff: { channel: 'tip', category: tip.category, demo: true } });
    }

    audit.push(...(await seedDemoImport(trx, orgIds.police!, userIds.analyst!)));
    audit.push({ action: 'demo.seed', recordType: 'platform', recordId: null, orgId: null, diff: { organizations: DEMO_ORGANIZATIONS.length, users: DEMO_USERS.length, notes: DEMO_NOTES.length } });
    await appendAudit(trx, actor, audit);
    return { password: DEMO_PASSWORD, accounts, organizationIds: orgIds };
  });
}

/** Whether the demo accounts (with their published password) exist and are enabled. */
export async function demoAccountsExist(ctx: AppContext): Promise<boolean> {
  return q.anyActiveAccount(ctx.db, DEMO_EMAILS);
}
