import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES } from '../../platform/access/policy.ts';
import { ROLES, type Role, type Tlp } from '../../platform/db/schema.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

/**
 * The access matrix of intelligence (docs/access-control.md): every role in the owning
 * organisation, in a partner of the task force, in an unrelated organisation, anonymous, and a
 * named RED recipient, against entities, reports and links of every marking, through every
 * read path: get, list, search, identifier lookup and its hits, links of an entity (with a
 * link whose other end is invisible), and reports. A persona never receives, through any
 * path, a record it may not see; hits reveal only that an organisation holds a match.
 */
type Position = 'own' | 'group' | 'other';
type Kind = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+group' | 'AMBER+STRICT' | 'RED';
const KINDS: Kind[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT', 'RED'];
const POSITIONS: Position[] = ['own', 'group', 'other'];
const TOKEN: Record<Kind, string> = { CLEAR: 'clear', GREEN: 'green', AMBER: 'amber', 'AMBER+group': 'shared', 'AMBER+STRICT': 'strict', RED: 'red' };

interface Persona {
  label: string;
  position: Position | 'anonymous' | 'red-recipient';
  role: Role | null;
  token: string | null;
}

/** The TLP rule, stated independently of the SQL that implements it. */
function mayRead(p: Persona, kind: Kind): boolean {
  const ntk = p.role !== null && NEED_TO_KNOW_ROLES.includes(p.role);
  switch (kind) {
    case 'CLEAR':
      return true;
    case 'GREEN':
      return p.position !== 'anonymous';
    case 'AMBER':
    case 'AMBER+STRICT':
      return p.position === 'own' && ntk;
    case 'AMBER+group':
      return (p.position === 'own' || p.position === 'group') && ntk;
    case 'RED':
      return p.position === 'red-recipient';
  }
}

/** What a lookup tells a persona of a record it may not see: AMBER names the owner, AMBER+STRICT does not, RED is silent. */
function expectedHit(p: Persona, kind: Kind): 'named' | 'unnamed' | null {
  if (mayRead(p, kind) || kind === 'RED') return null;
  return kind === 'AMBER+STRICT' ? 'unnamed' : 'named';
}

let t: TestPlatform;
let ownOrgId: string;
const personas: Persona[] = [];
const entities = new Map<Kind, { id: string; phone: string }>();
const reports = new Map<Kind, string>();
const links = new Map<Kind, string>();
let bridgeLinkId = '';
let hub = '';
const marker = `mx${Date.now()}`;
const labelOf = (kind: Kind) => `${marker}-${TOKEN[kind]}-end`;

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { type: 'police_agency', country: 'CO' });
  const partner = await makeOrg(t.ctx, { type: 'prosecutor', country: 'PE' });
  const other = await makeOrg(t.ctx, { type: 'police_agency', country: 'CL' });
  ownOrgId = own.id;
  const orgOf: Record<Position, string> = { own: own.id, group: partner.id, other: other.id };
  const group = await createSharingGroup(t.ctx, systemActor(), { name: `Task force ${marker}`, description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] });
  for (const position of POSITIONS) {
    for (const role of ROLES) {
      const user = await makeUser(t.ctx, [{ orgId: orgOf[position], role }]);
      personas.push({ label: `${role}@${position}`, position, role, token: await makeToken(t.ctx, user.id, ['read', 'write']) });
    }
  }
  personas.push({ label: 'anonymous', position: 'anonymous', role: null, token: null });
  const recipient = await makeUser(t.ctx, [{ orgId: other.id, role: 'analyst' }]);
  personas.push({ label: 'RED recipient (analyst@other)', position: 'red-recipient', role: 'analyst', token: await makeToken(t.ctx, recipient.id, ['read', 'write']) });

  const author = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: own.id, role: 'officer' }])).id, ['read', 'write']) };
  const post = async (url: string, body: object) => {
    const r = await api(t.app, { method: 'POST', url, body, auth: author });
    expect(r.statusCode, r.body).toBe(201);
    return r.data;
  };
  const distribution = (kind: Kind) => ({ sharingGroupIds: kind === 'AMBER+group' ? [group.id] : [], recipientUserIds: kind === 'RED' ? [recipient.id] : [] });
  const tlpOf = (kind: Kind) => kind.replace('+group', '') as Tlp;
  hub = (await post('/api/v1/intel/entities', { type: 'person', tlp: 'CLEAR', attributes: { fullName: `${marker} hub` } })).id;
  for (const [i, kind] of KINDS.entries()) {
    const phone = `+57 311 555 ${String(1000 + i)}`;
    const e = await post('/api/v1/intel/entities', { type: 'person', tlp: tlpOf(kind), attributes: { fullName: labelOf(kind) }, identifiers: [{ kind: 'phone', value: phone }], ...distribution(kind) });
    entities.set(kind, { id: e.id, phone });
    const r = await post('/api/v1/intel/reports', { tlp: tlpOf(kind), title: `${labelOf(kind)} report`, sourceReliability: 'C', informationCredibility: 3, handlingCode: 'P', ...distribution(kind) });
    reports.set(kind, r.id);
  }
  // Links of every marking between two CLEAR entities: visible exactly by their own marking.
  const other1 = (await post('/api/v1/intel/entities', { type: 'person', tlp: 'CLEAR', attributes: { fullName: `${marker} other end` } })).id;
  for (const kind of KINDS) links.set(kind, (await post('/api/v1/intel/links', { tlp: tlpOf(kind), type: 'associate_of', sourceId: hub, targetId: other1, ...distribution(kind) })).id);
  // A CLEAR link from the hub to the AMBER+STRICT entity: visible only with that end.
  bridgeLinkId = (await post('/api/v1/intel/links', { tlp: 'CLEAR', type: 'associate_of', sourceId: hub, targetId: entities.get('AMBER+STRICT')!.id })).id;
});
afterAll(async () => t.stop());

const auth = (p: Persona) => (p.token ? { token: p.token } : null);
const invisible = (p: Persona) => KINDS.filter((k) => !mayRead(p, k));

/** Fails when a body carries an id or a label of a record the persona may not see. */
function leaks(p: Persona, body: string): string[] {
  return invisible(p).flatMap((k) => [
    ...(body.includes(labelOf(k)) ? [`label of ${k}`] : []),
    ...(body.includes(entities.get(k)!.id) ? [`entity ${k}`] : []),
    ...(body.includes(reports.get(k)!) ? [`report ${k}`] : []),
    ...(body.includes(links.get(k)!) ? [`link ${k}`] : []),
  ]);
}

describe('intelligence access matrix', () => {
  it('covers every role in every position plus anonymous and a named recipient', () => {
    expect(personas).toHaveLength(ROLES.length * POSITIONS.length + 2);
  });

  it('get: entities, reports and links are read exactly as their marking says, 404 otherwise, without content', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      for (const kind of KINDS) {
        const expected = mayRead(p, kind) ? 200 : 404;
        for (const url of [`/api/v1/intel/entities/${entities.get(kind)!.id}`, `/api/v1/intel/reports/${reports.get(kind)}`, `/api/v1/intel/links/${links.get(kind)}`]) {
          const r = await api(t.app, { url, auth: auth(p) });
          if (r.statusCode !== expected) failures.push(`${p.label} GET ${url.split('/')[4]} ${kind}: ${r.statusCode}, expected ${expected}`);
          failures.push(...leaks(p, r.body).map((l) => `${p.label} GET ${kind}: ${l}`));
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('list and search return exactly the visible entities and reports', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const want = KINDS.filter((k) => mayRead(p, k));
      const searched = await api(t.app, { url: `/api/v1/intel/entities?limit=200&q=${marker}-`, auth: auth(p) });
      const got = (searched.data.items as { label: string }[]).map((e) => e.label).sort();
      if (JSON.stringify(got) !== JSON.stringify(want.map(labelOf).sort())) failures.push(`${p.label} entity search: ${got.join(',')}`);
      const reportList = await api(t.app, { url: `/api/v1/intel/reports?limit=200&q=${marker}`, auth: auth(p) });
      if (reportList.data.items.length !== want.length) failures.push(`${p.label} report search: ${reportList.data.items.length}, expected ${want.length}`);
      for (const r of [searched, reportList, await api(t.app, { url: '/api/v1/intel/entities?limit=200', auth: auth(p) }), await api(t.app, { url: '/api/v1/intel/reports?limit=200', auth: auth(p) })]) {
        failures.push(...leaks(p, r.body).map((l) => `${p.label} list: ${l}`));
      }
    }
    expect(failures).toEqual([]);
  });

  it('links of an entity: only links the persona may see, never one whose other end it may not see', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const r = await api(t.app, { url: `/api/v1/intel/entities/${hub}/links`, auth: auth(p) });
      const got = new Set((r.data.items as { id: string }[]).map((l) => l.id));
      const want = new Set([...KINDS.filter((k) => mayRead(p, k)).map((k) => links.get(k)!), ...(mayRead(p, 'AMBER+STRICT') ? [bridgeLinkId] : [])]);
      if ([...got].sort().join() !== [...want].sort().join()) failures.push(`${p.label} links: ${got.size}, expected ${want.size}`);
      const bridge = await api(t.app, { url: `/api/v1/intel/links/${bridgeLinkId}`, auth: auth(p) });
      if (bridge.statusCode !== (mayRead(p, 'AMBER+STRICT') ? 200 : 404)) failures.push(`${p.label} bridge link: ${bridge.statusCode}`);
      failures.push(...leaks(p, r.body + bridge.body).map((l) => `${p.label} links: ${l}`));
    }
    expect(failures).toEqual([]);
  });

  it('identifier lookup: visible records as matches, the others only as hits that reveal existence, never content', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const ntk = p.role !== null && NEED_TO_KNOW_ROLES.includes(p.role);
      for (const kind of KINDS) {
        const { id, phone } = entities.get(kind)!;
        const r = await api(t.app, { url: `/api/v1/intel/lookup?kind=phone&value=${encodeURIComponent(phone)}`, auth: auth(p) });
        const expectedStatus = p.token === null ? 401 : ntk ? 200 : 403;
        if (r.statusCode !== expectedStatus) {
          failures.push(`${p.label} lookup ${kind}: ${r.statusCode}, expected ${expectedStatus}`);
          continue;
        }
        failures.push(...leaks(p, r.body).map((l) => `${p.label} lookup ${kind}: ${l}`));
        if (r.statusCode !== 200) continue;
        const matches = (r.data.matches as { entityId: string }[]).map((m) => m.entityId);
        if (JSON.stringify(matches) !== JSON.stringify(mayRead(p, kind) ? [id] : [])) failures.push(`${p.label} lookup ${kind}: matches ${matches}`);
        const hits = r.data.hits as { hitId: string; organisation: { id: string } | null }[];
        const hit = expectedHit(p, kind);
        const got = hits.length === 0 ? null : hits[0]!.organisation?.id === ownOrgId ? 'named' : hits[0]!.organisation === null ? 'unnamed' : 'wrong';
        if (hits.length > 1 || got !== hit) failures.push(`${p.label} lookup ${kind}: hit ${got}, expected ${hit}`);
        if (hits.some((h) => Object.keys(h).sort().join() !== 'hitId,organisation')) failures.push(`${p.label} lookup ${kind}: hit carries more than existence`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a persona cannot ask for contact about another persona\'s hit: 404 like a hit that does not exist', async () => {
    const searcher = personas.find((p) => p.label === 'analyst@other')!;
    const prier = personas.find((p) => p.label === 'analyst@group')!;
    const r = await api(t.app, { url: `/api/v1/intel/lookup?kind=phone&value=${encodeURIComponent(entities.get('AMBER')!.phone)}`, auth: auth(searcher) });
    const hitId = r.data.hits[0].hitId;
    const stolen = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'x' }, auth: auth(prier) });
    const made = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId: '00000000-0000-4000-8000-00000000beef', message: 'x' }, auth: auth(prier) });
    expect([stolen.statusCode, stolen.data.error.message]).toEqual([made.statusCode, made.data.error.message]);
  });
});
