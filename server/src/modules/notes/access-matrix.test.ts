import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES } from '../../platform/access/policy.ts';
import { ROLES, type Role, type Tlp } from '../../platform/db/schema.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

/**
 * The access-control matrix of docs/access-control.md: every role, in the owning
 * organisation, in a partner organisation of the record's task force, or in an unrelated
 * organisation, against a record of every marking, through get, list, count and search.
 */
type Position = 'own' | 'group' | 'other';
type RecordKind = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+group' | 'AMBER+STRICT' | 'RED';
const RECORD_KINDS: RecordKind[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT', 'RED'];
const POSITIONS: Position[] = ['own', 'group', 'other'];

interface Persona {
  label: string;
  position: Position | 'anonymous' | 'red-recipient';
  role: Role | null;
  token: string | null;
}

/** The rule, stated independently of the SQL that implements it. */
function mayRead(persona: Persona, kind: RecordKind): boolean {
  const ntk = persona.role !== null && NEED_TO_KNOW_ROLES.includes(persona.role);
  switch (kind) {
    case 'CLEAR':
      return true;
    case 'GREEN':
      return persona.position !== 'anonymous';
    case 'AMBER':
    case 'AMBER+STRICT':
      return persona.position === 'own' && ntk;
    case 'AMBER+group':
      return (persona.position === 'own' || persona.position === 'group') && ntk;
    case 'RED':
      return persona.position === 'red-recipient';
  }
}

let t: TestPlatform;
const personas: Persona[] = [];
const records = new Map<RecordKind, string>();
const marker = `matrix-${Date.now()}`;

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { type: 'police_agency', country: 'CL' });
  const partner = await makeOrg(t.ctx, { type: 'prosecutor', country: 'GT' });
  const other = await makeOrg(t.ctx, { type: 'ngo', country: 'CL' });
  const orgOf: Record<Position, string> = { own: own.id, group: partner.id, other: other.id };
  const group = await createSharingGroup(t.ctx, systemActor(), { name: `Task force ${marker}`, description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] });

  for (const position of POSITIONS) {
    for (const role of ROLES) {
      const user = await makeUser(t.ctx, [{ orgId: orgOf[position], role }]);
      personas.push({ label: `${role}@${position}`, position, role, token: await makeToken(t.ctx, user.id, ['read']) });
    }
  }
  personas.push({ label: 'anonymous', position: 'anonymous', role: null, token: null });
  const recipient = await makeUser(t.ctx, [{ orgId: other.id, role: 'viewer' }]);
  personas.push({ label: 'RED recipient (viewer@other)', position: 'red-recipient', role: 'viewer', token: await makeToken(t.ctx, recipient.id, ['read']) });

  const author = await makeUser(t.ctx, [{ orgId: own.id, role: 'officer' }]);
  const authorToken = await makeToken(t.ctx, author.id, ['read', 'write']);
  for (const kind of RECORD_KINDS) {
    const tlp = kind.replace('+group', '') as Tlp;
    const body = {
      tlp,
      title: `${marker} ${kind}`,
      body: 'Observed transfer at the port',
      sharingGroupIds: kind === 'AMBER+group' ? [group.id] : [],
      recipientUserIds: kind === 'RED' ? [recipient.id] : [],
    };
    const created = await api(t.app, { method: 'POST', url: '/api/v1/notes', body, auth: { token: authorToken } });
    expect(created.statusCode).toBe(201);
    records.set(kind, created.data.id);
  }
});
afterAll(async () => t.stop());

const auth = (p: Persona) => (p.token ? { token: p.token } : null);
const expectedIds = (p: Persona) => RECORD_KINDS.filter((k) => mayRead(p, k)).map((k) => records.get(k)!).sort();

describe('TLP access matrix', () => {
  it('covers every role in every position plus anonymous and a named recipient', () => {
    expect(personas).toHaveLength(ROLES.length * POSITIONS.length + 2);
  });

  it('get: a persona reads exactly the records it may, and gets 404 for the rest', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      for (const kind of RECORD_KINDS) {
        const r = await api(t.app, { url: `/api/v1/notes/${records.get(kind)}`, auth: auth(p) });
        const expected = mayRead(p, kind) ? 200 : 404;
        if (r.statusCode !== expected) failures.push(`${p.label} GET ${kind}: ${r.statusCode}, expected ${expected}`);
        if (expected === 404 && r.body.includes(marker)) failures.push(`${p.label} ${kind}: 404 body leaks content`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('list, count and search return only visible records', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const expected = expectedIds(p);
      const list = await api(t.app, { url: `/api/v1/notes?limit=200&q=${encodeURIComponent(marker)}`, auth: auth(p) });
      const listed = (list.data.items as { id: string }[]).map((n) => n.id).sort();
      if (JSON.stringify(listed) !== JSON.stringify(expected)) failures.push(`${p.label} search: ${listed.length} items, expected ${expected.length}`);
      const count = await api(t.app, { url: `/api/v1/notes/count?q=${encodeURIComponent(marker)}`, auth: auth(p) });
      if (count.data.count !== expected.length) failures.push(`${p.label} count: ${count.data.count}, expected ${expected.length}`);
      const all = await api(t.app, { url: '/api/v1/notes?limit=200', auth: auth(p) });
      const leaked = (all.data.items as { id: string }[]).map((n) => n.id).filter((id) => [...records.values()].includes(id) && !expected.includes(id));
      if (leaked.length > 0) failures.push(`${p.label} list leaks ${leaked.length}`);
      for (const tlp of ['AMBER', 'RED'] as const) {
        const filtered = await api(t.app, { url: `/api/v1/notes/count?tlp=${encodeURIComponent(tlp)}&q=${encodeURIComponent(marker)}`, auth: auth(p) });
        const want = RECORD_KINDS.filter((k) => k.replace('+group', '') === tlp && mayRead(p, k)).length;
        if (filtered.data.count !== want) failures.push(`${p.label} count tlp=${tlp}: ${filtered.data.count}, expected ${want}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('audits each read of an AMBER, AMBER+STRICT or RED record, and not of CLEAR or GREEN', async () => {
    const reader = personas.find((p) => p.label === 'analyst@own')!;
    const ids = new Map([...records].map(([kind, id]) => [id, kind]));
    const before = await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await api(t.app, { url: `/api/v1/notes?limit=200&q=${encodeURIComponent(marker)}`, auth: auth(reader) });
    const entries = await t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '>', before.seq).where('action', '=', 'read').execute();
    const kinds = entries.map((e) => ids.get(e.record_id!)).sort();
    expect(kinds).toEqual(['AMBER', 'AMBER+STRICT', 'AMBER+group']);
    expect(entries.every((e) => e.actor_user_id !== null && e.request_id !== null)).toBe(true);
  });

  it('audits a counted text search that matches restricted records', async () => {
    const reader = personas.find((p) => p.label === 'officer@own')!;
    const before = await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await api(t.app, { url: `/api/v1/notes/count?q=${encodeURIComponent(marker)}`, auth: auth(reader) });
    const searches = await t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '>', before.seq).where('action', '=', 'search').execute();
    expect(searches).toHaveLength(1);
    expect(searches[0]!.diff).toEqual({ q: marker, restrictedMatches: 3 });
  });

  it('keeps a task force invisible to platform administrators who are not in it', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const list = await api(t.app, { url: '/api/v1/sharing-groups', auth: { token: await makeToken(t.ctx, admin.id) } });
    expect(JSON.stringify(list.data)).not.toContain(marker);
  });

  it('refuses distribution that does not fit the marking', async () => {
    const writer = await makeUser(t.ctx, [{ orgId: (await makeOrg(t.ctx)).id, role: 'analyst' }]);
    const token = await makeToken(t.ctx, writer.id, ['read', 'write']);
    const groupOnGreen = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x', sharingGroupIds: ['00000000-0000-4000-8000-000000000000'] }, auth: { token } });
    expect(groupOnGreen.statusCode).toBe(400);
    expect(groupOnGreen.data.error.details.map((d: { code: string }) => d.code)).toContain('groups_only_for_amber');
    const unknownGroup = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'AMBER', title: 'x', sharingGroupIds: ['00000000-0000-4000-8000-000000000000'] }, auth: { token } });
    expect(unknownGroup.data.error.details[0].field).toBe('sharingGroupIds.0');
  });
});
