import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { graphFactories, neighbourhoodUrl, pathsUrl } from '../../../test/graph-factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

/**
 * Graph traversal under the TLP access matrix: personas in the owning organisation, in a
 * partner of its task force, in an unrelated organisation, a named RED recipient and an
 * anonymous caller, against entities and links of every marking. A persona must never receive
 * a node or link it may not see, and must never be led THROUGH one: what lies behind an
 * invisible entity or link is out of reach, and a path that needs one does not exist for it.
 *
 *   centre (CLEAR) ──CLEAR── gate[K] (marking K) ──CLEAR── beyond[K] (CLEAR)
 *   centre ──uses, of marking K, valid during 2020── door[K] (a CLEAR phone)
 *   centre ──CLEAR── detour1 ──CLEAR── detour2 ──CLEAR── beyond[RED]   (a longer way round)
 */
type Kind = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+group' | 'AMBER+STRICT' | 'RED';
const KINDS: Kind[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT', 'RED'];
type Position = 'own' | 'task-force' | 'other' | 'red-recipient' | 'anonymous';

interface Persona {
  label: string;
  position: Position;
  needToKnow: boolean;
  auth: Auth;
}

/** The rule, stated independently of the SQL (docs/access-control.md). */
function mayRead(p: Persona, kind: Kind): boolean {
  switch (kind) {
    case 'CLEAR':
      return true;
    case 'GREEN':
      return p.position !== 'anonymous';
    case 'AMBER':
    case 'AMBER+STRICT':
      return p.position === 'own' && p.needToKnow;
    case 'AMBER+group':
      return (p.position === 'own' || p.position === 'task-force') && p.needToKnow;
    case 'RED':
      return p.position === 'red-recipient';
  }
}

let t: TestPlatform;
const f = graphFactories(() => t.app);
const personas: Persona[] = [];
const gate = new Map<Kind, string>();
const beyond = new Map<Kind, string>();
const door = new Map<Kind, string>();
const gateLinks = new Map<Kind, string[]>();
const doorLink = new Map<Kind, string>();
let centre: string;
let detour: string[];
let detourLinks: string[];
const marker = `graph-matrix-${Date.now()}`;

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { country: 'CO' });
  const partner = await makeOrg(t.ctx, { type: 'prosecutor', country: 'PE' });
  const other = await makeOrg(t.ctx, { country: 'EC' });
  const group = await createSharingGroup(t.ctx, systemActor(), { name: `Task force ${marker}`, description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] });
  const persona = async (label: string, position: Position, orgId: string, role: 'analyst' | 'member' | 'viewer') => {
    const user = await makeUser(t.ctx, [{ orgId, role }]);
    personas.push({ label, position, needToKnow: role === 'analyst', auth: { token: await makeToken(t.ctx, user.id, ['read']) } });
    return user;
  };
  await persona('analyst@own', 'own', own.id, 'analyst');
  await persona('member@own (no need to know)', 'own', own.id, 'member');
  await persona('analyst@task-force', 'task-force', partner.id, 'analyst');
  await persona('analyst@other', 'other', other.id, 'analyst');
  const recipient = await persona('RED recipient (viewer@other)', 'red-recipient', other.id, 'viewer');
  personas.push({ label: 'anonymous', position: 'anonymous', needToKnow: false, auth: null });

  const author: Auth = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: own.id, role: 'officer' }])).id, ['read', 'write']) };
  const marking = (kind: Kind) => ({
    tlp: kind.replace('+group', '') as Tlp,
    sharingGroupIds: kind === 'AMBER+group' ? [group.id] : [],
    recipientUserIds: kind === 'RED' ? [recipient.id] : [],
  });
  centre = (await f.person(author, `${marker} centre`, 'CLEAR')).id;
  for (const kind of KINDS) {
    const m = marking(kind);
    gate.set(kind, (await f.person(author, `${marker} gate ${kind}`, m.tlp, m)).id);
    beyond.set(kind, (await f.person(author, `${marker} beyond ${kind}`, 'CLEAR')).id);
    door.set(kind, (await f.phone(author, `+57 301 555 01${String(KINDS.indexOf(kind)).padStart(2, '0')}`, 'CLEAR')).id);
    gateLinks.set(kind, [
      (await f.link(author, centre, gate.get(kind)!, { tlp: 'CLEAR' })).id,
      (await f.link(author, gate.get(kind)!, beyond.get(kind)!, { tlp: 'CLEAR' })).id,
    ]);
    doorLink.set(kind, (await f.link(author, centre, door.get(kind)!, { ...m, type: 'uses', validFrom: '2020-01-01T00:00:00Z', validTo: '2020-12-31T00:00:00Z' })).id);
  }
  detour = [(await f.person(author, `${marker} detour 1`, 'CLEAR')).id, (await f.person(author, `${marker} detour 2`, 'CLEAR')).id];
  detourLinks = [
    (await f.link(author, centre, detour[0]!, { tlp: 'CLEAR' })).id,
    (await f.link(author, detour[0]!, detour[1]!, { tlp: 'CLEAR' })).id,
    (await f.link(author, detour[1]!, beyond.get('RED')!, { tlp: 'CLEAR' })).id,
  ];
});
afterAll(async () => t.stop());

/** What a persona should get around the centre at depth 2, derived from mayRead alone. */
function expectedAround(p: Persona, options: { doors: boolean } = { doors: true }) {
  const nodes = [centre, ...detour];
  // detour 2 ── beyond[RED] joins two entities at depth 2 when the RED gate is visible.
  const edges = mayRead(p, 'RED') ? [...detourLinks] : detourLinks.slice(0, 2);
  for (const kind of KINDS) {
    if (mayRead(p, kind)) {
      nodes.push(gate.get(kind)!, beyond.get(kind)!);
      edges.push(...gateLinks.get(kind)!);
      if (!options.doors) continue;
      nodes.push(door.get(kind)!);
      edges.push(doorLink.get(kind)!);
    }
  }
  return { nodes: [...new Set(nodes)].sort(), edges: edges.sort() };
}

const sorted = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('graph traversal under the access matrix', () => {
  it('covers the owning organisation, a task-force partner, another organisation, a RED recipient and anonymous', () => {
    expect(personas.map((p) => p.position).sort()).toEqual(['anonymous', 'other', 'own', 'own', 'red-recipient', 'task-force']);
  });

  it('expansion returns exactly the visible nodes and links, and never reaches past an invisible one', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const r = await api(t.app, { url: neighbourhoodUrl([centre], { depth: 2 }), auth: p.auth });
      if (r.statusCode !== 200) {
        failures.push(`${p.label}: ${r.statusCode}`);
        continue;
      }
      const want = expectedAround(p);
      const got = { nodes: sorted(r.data.nodes), edges: sorted(r.data.edges) };
      // The detour reaches beyond[RED] at depth 3 only, so at depth 2 it is there only through the gate.
      if (JSON.stringify(got.nodes) !== JSON.stringify(want.nodes)) failures.push(`${p.label} nodes: ${got.nodes.length}, expected ${want.nodes.length}`);
      if (JSON.stringify(got.edges) !== JSON.stringify(want.edges)) failures.push(`${p.label} edges: ${got.edges.length}, expected ${want.edges.length}`);
      const leaked = [...got.nodes, ...got.edges].filter((id) => !want.nodes.includes(id) && !want.edges.includes(id));
      if (leaked.length > 0) failures.push(`${p.label} received ${leaked.length} records it may not see`);
      for (const kind of KINDS) {
        if (mayRead(p, kind)) continue;
        if (r.body.includes(`gate ${kind}"`)) failures.push(`${p.label}: body names the invisible gate ${kind}`);
        if (r.body.includes(doorLink.get(kind)!)) failures.push(`${p.label}: body names the invisible link to door ${kind}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('filters by entity type, link type and time within what the persona may see, and never widen it', async () => {
    const failures: string[] = [];
    const filters: { name: string; params: Record<string, string>; doors: boolean }[] = [
      { name: 'people only', params: { entityTypes: 'person' }, doors: false },
      { name: 'links valid since 2021', params: { since: '2021-01-01T00:00:00Z' }, doors: false },
      { name: 'links valid in mid 2020', params: { since: '2020-06-01T00:00:00Z', until: '2020-07-01T00:00:00Z', linkTypes: 'associate_of,uses' }, doors: true },
      { name: 'associates only', params: { linkTypes: 'associate_of' }, doors: false },
      { name: 'people and phones', params: { entityTypes: 'person,phone' }, doors: true },
    ];
    for (const p of personas) {
      for (const filter of filters) {
        const r = await api(t.app, { url: neighbourhoodUrl([centre], { depth: 2, ...filter.params }), auth: p.auth });
        const want = expectedAround(p, { doors: filter.doors });
        const got = { nodes: sorted(r.data.nodes), edges: sorted(r.data.edges) };
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${p.label}, ${filter.name}: ${got.nodes.length} nodes and ${got.edges.length} links, expected ${want.nodes.length} and ${want.edges.length}`);
      }
      for (const kind of KINDS) {
        const late = await api(t.app, { url: pathsUrl(centre, door.get(kind)!, { since: '2021-01-01T00:00:00Z' }), auth: p.auth });
        // Every door is CLEAR: the question is fine, the only link to it lies outside the window.
        if (late.statusCode !== 200 || late.data.length !== null) failures.push(`${p.label} → door ${kind} since 2021: ${late.statusCode}, length ${late.data.length}`);
        const during = await api(t.app, { url: pathsUrl(centre, door.get(kind)!, { until: '2020-03-01T00:00:00Z', entityTypes: 'phone' }), auth: p.auth });
        if (during.data.length !== (mayRead(p, kind) ? 1 : null)) failures.push(`${p.label} → door ${kind} in early 2020: length ${during.data.length}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('path search finds a path through a visible intermediary, and none (or only a longer one) when it is invisible', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      for (const kind of KINDS) {
        const r = await api(t.app, { url: pathsUrl(centre, beyond.get(kind)!), auth: p.auth });
        const viaGate = mayRead(p, kind);
        // Only beyond[RED] has another way round, three links long, through CLEAR records.
        const expected = viaGate ? 2 : kind === 'RED' ? 3 : null;
        if (r.data.length !== expected) failures.push(`${p.label} → beyond ${kind}: length ${r.data.length}, expected ${expected}`);
        if (r.data.truncated !== false) failures.push(`${p.label} → beyond ${kind}: truncated`);
        const through = (r.data.nodes as { id: string }[]).map((n) => n.id);
        if (!viaGate && through.includes(gate.get(kind)!)) failures.push(`${p.label} → beyond ${kind}: path through the invisible gate`);
        const toDoor = await api(t.app, { url: pathsUrl(centre, door.get(kind)!), auth: p.auth });
        const doorExpected = mayRead(p, kind) ? 1 : null;
        if (toDoor.data.length !== doorExpected) failures.push(`${p.label} → door ${kind}: length ${toDoor.data.length}, expected ${doorExpected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 for an invisible start entity, exactly as for one that does not exist', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const unknown = await api(t.app, { url: neighbourhoodUrl(['00000000-0000-4000-8000-000000000000']), auth: p.auth });
      for (const kind of KINDS) {
        const r = await api(t.app, { url: neighbourhoodUrl([gate.get(kind)!]), auth: p.auth });
        const expected = mayRead(p, kind) ? 200 : 404;
        if (r.statusCode !== expected) failures.push(`${p.label} from gate ${kind}: ${r.statusCode}, expected ${expected}`);
        if (expected === 404 && r.body !== unknown.body.replace(/"requestId":"[^"]*"/, r.body.match(/"requestId":"[^"]*"/)?.[0] ?? '')) {
          failures.push(`${p.label} from gate ${kind}: 404 differs from an unknown entity's`);
        }
        const path = await api(t.app, { url: pathsUrl(centre, gate.get(kind)!), auth: p.auth });
        if (path.statusCode !== expected) failures.push(`${p.label} path to gate ${kind}: ${path.statusCode}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('counts only what the persona may see: a cap never fills up with invisible entities', async () => {
    const failures: string[] = [];
    for (const p of personas) {
      const want = expectedAround(p).nodes.length;
      const r = await api(t.app, { url: neighbourhoodUrl([centre], { depth: 2, maxNodes: want }), auth: p.auth });
      if (r.data.truncated !== false || r.data.nodes.length !== want) failures.push(`${p.label}: ${r.data.nodes.length} nodes, truncated ${r.data.truncated} at a cap of ${want}`);
    }
    expect(failures).toEqual([]);
  });

  it('audits each restricted entity and link a persona receives, once', async () => {
    const analyst = personas.find((p) => p.label === 'analyst@own')!;
    const before = await t.ctx.db.selectFrom('audit_log').select(sql<number>`coalesce(max(seq), 0)`.as('seq')).executeTakeFirstOrThrow();
    const r = await api(t.app, { url: neighbourhoodUrl([centre], { depth: 2 }), auth: analyst.auth });
    const reads = await t.ctx.db.selectFrom('audit_log').select('record_id').where('seq', '>', before.seq).where('action', '=', 'read').execute();
    const restricted = [...r.data.nodes, ...r.data.edges].filter((x: { tlp: string }) => ['AMBER', 'AMBER+STRICT', 'RED'].includes(x.tlp)).map((x: { id: string }) => x.id).sort();
    expect(restricted).toHaveLength(6); // gate and link of AMBER, AMBER+group and AMBER+STRICT
    expect(reads.map((x) => x.record_id).sort()).toEqual(restricted);
  });
});
