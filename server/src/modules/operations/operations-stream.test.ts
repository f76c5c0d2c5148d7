import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Marking } from '../../platform/access/policy.ts';
import { createNote } from '../notes/service.ts';
import { setMemberRoles } from '../organizations/service.ts';
import { setSharingGroupMembers } from '../sharing-groups/service.ts';
import { api, login, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { makePersonaWorld, MARKING_KINDS, type MarkingKind, type Persona, type PersonaWorld } from '../../../test/personas.ts';
import { SseClient } from '../../../test/sse.ts';
import { waitFor } from '../../../test/wait.ts';

let t: TestPlatform;
let base: string;
let world: PersonaWorld;

beforeAll(async () => {
  t = await startTestPlatform();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  world = await makePersonaWorld(t.ctx);
});
afterAll(async () => t.stop());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const head = async (token: string) => (await api(t.app, { url: '/api/v1/operations/feed?limit=1', auth: { token } })).data.head as number;
const stream = async (token: string, after?: number, headers: Record<string, string> = {}) =>
  SseClient.open(`${base}/api/v1/operations/stream${after === undefined ? '' : `?lastEventId=${after}`}`, { ...bearer(token), ...headers });

/** Publishes one event about a record, as a module would in its transaction. */
async function publish(marking: Marking, recordId = randomUUID(), kind = 'test.happened') {
  await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind, record: { type: 'test_record', id: recordId }, marking }));
  return recordId;
}

const recordIds = (client: SseClient) => client.parsed<{ recordId: string }>().map((e) => e.recordId);
const received = (client: SseClient, id: string) => recordIds(client).includes(id);

describe('operations stream: who receives what', () => {
  it('sends each persona exactly the records it may read through the API, and nothing else', async () => {
    const notes = new Map<MarkingKind, string>();
    for (const kind of MARKING_KINDS) {
      const m = world.marking(kind);
      const note = await createNote(t.ctx, world.author.actor, { tlp: m.tlp, title: `stream ${kind}`, body: 'secret content', sharingGroupIds: [...m.sharingGroupIds], recipientUserIds: [...m.recipientUserIds] });
      notes.set(kind, note.id);
    }
    const personas = world.personas.filter((p): p is Persona & { token: string } => p.token !== null);
    const start = await head(personas[0]!.token);
    const clients = await Promise.all(personas.map((p) => stream(p.token, start)));
    for (const [kind, id] of notes) await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'note.shared', record: { type: 'note', id }, marking: world.marking(kind) }));
    const sentinel = await publish({ ...world.marking('CLEAR') });

    const failures: string[] = [];
    for (const [i, p] of personas.entries()) {
      const client = clients[i]!;
      await client.until((c) => received(c, sentinel), `${p.label}: the CLEAR sentinel`);
      const readable = new Set<string>();
      for (const id of notes.values()) {
        if ((await api(t.app, { url: `/api/v1/notes/${id}`, auth: { token: p.token } })).statusCode === 200) readable.add(id);
      }
      const got = recordIds(client).filter((id) => id !== sentinel);
      const leaked = got.filter((id) => !readable.has(id));
      const missed = [...readable].filter((id) => !got.includes(id));
      if (leaked.length > 0) failures.push(`${p.label} received ${leaked.length} it may not read`);
      if (missed.length > 0) failures.push(`${p.label} missed ${missed.length} it may read`);
      if (client.messages.some((m) => m.data.includes('secret content') || m.data.includes('stream '))) failures.push(`${p.label}: content in the stream`);
      client.close();
    }
    expect(failures).toEqual([]);
  });

  it('refuses anonymous callers and malformed resume positions', async () => {
    expect((await fetch(`${base}/api/v1/operations/stream`)).status).toBe(401);
    const token = world.personas.find((p) => p.label === 'analyst@own')!.token!;
    const bad = await fetch(`${base}/api/v1/operations/stream`, { headers: { ...bearer(token), 'last-event-id': 'abc', 'accept-language': 'es' } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { field: string; message: string }[] } };
    expect(body.error.details[0]).toMatchObject({ field: 'lastEventId', message: expect.stringContaining('flujo de operaciones') });
  });
});

describe('operations stream: what modules announce', () => {
  it('announces a new incident to the task force it is shared with, and the client reads it through the audited API', async () => {
    const analyst = await makeUser(t.ctx, [{ orgId: world.ownOrgId, role: 'analyst' }]);
    const analystToken = await makeToken(t.ctx, analyst.id, ['read', 'write']);
    const partner = world.personas.find((p) => p.label === 'officer@group')!;
    const outsider = world.personas.find((p) => p.label === 'analyst@other')!;
    const start = await head(partner.token!);
    const [inTaskForce, outside] = [await stream(partner.token!, start), await stream(outsider.token!, start)];
    const created = await api(t.app, {
      method: 'POST', url: '/api/v1/incidents', auth: { token: analystToken },
      body: { tlp: 'AMBER', occurredFrom: '2026-03-01T22:00:00Z', location: { lon: -70.65, lat: -33.45 }, addressText: 'Bodega 14, puerto', sharingGroupIds: [world.groupId] },
    });
    expect(created.statusCode, created.body).toBe(201);
    await inTaskForce.until((c) => received(c, created.data.id), 'the new incident');
    const [event] = inTaskForce.parsed<{ kind: string; recordType: string; tlp: string }>().filter((e) => e.kind === 'incident.created');
    expect(event).toMatchObject({ recordType: 'incident', tlp: 'AMBER', ownerOrgId: world.ownOrgId });
    expect(JSON.stringify(inTaskForce.messages)).not.toContain('Bodega');
    const read = await api(t.app, { url: `/api/v1/incidents/${created.data.id}`, auth: { token: partner.token! } });
    expect(read.data.addressText).toBe('Bodega 14, puerto');
    const reads = await t.ctx.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'read').where('record_id', '=', created.data.id).execute();
    expect(reads.map((r) => r.actor_user_id)).toEqual([partner.actor.userId]);
    const sentinel = await publish(world.marking('GREEN'));
    await outside.until((c) => received(c, sentinel), 'the sentinel');
    expect(received(outside, created.data.id)).toBe(false);
    inTaskForce.close();
    outside.close();
  });
});

describe('operations stream: reconnecting', () => {
  it('replays exactly the missed events, in order, without duplicates (Last-Event-ID header or lastEventId)', async () => {
    const token = world.personas.find((p) => p.label === 'analyst@own')!.token!;
    const amber = world.marking('AMBER');
    const hidden = world.marking('RED-unnamed');
    const first = await stream(token, await head(token));
    const before = [await publish(amber), await publish(hidden), await publish(amber)];
    await first.until((c) => received(c, before[2]!), 'the events before the drop');
    expect(recordIds(first)).toEqual([before[0], before[2]]);
    const resumeFrom = first.parser.lastEventId!;
    first.close();

    const missed = [await publish(amber), await publish(hidden), await publish(amber), await publish(amber)];
    const expected = [missed[0], missed[2], missed[3]];
    const viaHeader = await stream(token, Number(resumeFrom) - 1, { 'last-event-id': resumeFrom }); // the header wins over the query
    await viaHeader.until((c) => received(c, missed[3]!), 'the replay');
    const viaQuery = await stream(token, Number(resumeFrom));
    await viaQuery.until((c) => received(c, missed[3]!), 'the replay');
    const live = await publish(amber);
    for (const client of [viaHeader, viaQuery]) {
      await client.until((c) => received(c, live), 'the next live event');
      expect(recordIds(client)).toEqual([...expected, live]);
      const positions = client.parsed<{ position: number }>().map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(client.messages.filter((m) => m.event === 'feed').map((m) => m.id)).toEqual(positions.map(String));
      client.close();
    }
  });

  it('tells a client whose missed events are gone, or unknown here, to reload', async () => {
    const token = world.personas.find((p) => p.label === 'analyst@own')!.token!;
    const now = await head(token);
    const future = await stream(token, now + 1000);
    await future.until((c) => c.parsed('reset').length === 1, 'a reset');
    expect(future.parsed('reset')[0]).toEqual({ head: now });
    expect(future.messages.find((m) => m.event === 'reset')!.id).toBe(String(now));
    future.close();

    const { truncated_through } = await t.ctx.db.selectFrom('operations_feed_head').select('truncated_through').executeTakeFirstOrThrow();
    await sql`update operations_feed_head set truncated_through = ${now}`.execute(t.ctx.db);
    try {
      const stale = await stream(token, now - 1);
      await stale.until((c) => c.parsed('reset').length === 1, 'a reset');
      const after = await publish(world.marking('AMBER'));
      await stale.until((c) => received(c, after), 'the stream going on after the reset');
      stale.close();
    } finally {
      await sql`update operations_feed_head set truncated_through = ${truncated_through}`.execute(t.ctx.db);
    }
  });
});

describe('operations stream: access changes while connected', () => {
  it('stops sending a task force\'s records to an organisation taken out of it', async () => {
    const partnerAnalyst = await makeUser(t.ctx, [{ orgId: world.partnerOrgId, role: 'analyst' }]);
    const token = await makeToken(t.ctx, partnerAnalyst.id, ['read']);
    const client = await stream(token, await head(token));
    const shared = world.marking('AMBER+group');
    const before = await publish(shared);
    await client.until((c) => received(c, before), 'the shared record');
    const owner = await makeUser(t.ctx, [{ orgId: world.ownOrgId, role: 'coordinator' }]);
    const manager = { ...systemActor(), kind: 'user' as const, userId: owner.id, isPlatformAdmin: false, memberships: [{ orgId: world.ownOrgId, role: 'coordinator' as const }] };
    await setSharingGroupMembers(t.ctx, manager, world.groupId, []);
    try {
      const after = await publish(shared);
      const sentinel = await publish(world.marking('GREEN'));
      await client.until((c) => received(c, sentinel), 'the sentinel');
      expect(received(client, after)).toBe(false);
    } finally {
      await setSharingGroupMembers(t.ctx, manager, world.groupId, [world.partnerOrgId]);
    }
    const again = await publish(shared);
    await client.until((c) => received(c, again), 'the shared record once the organisation is back');
    client.close();
  });

  it('follows a change of role, and ends when the token is revoked', async () => {
    const user = await makeUser(t.ctx, [{ orgId: world.ownOrgId, role: 'analyst' }]);
    const token = await makeToken(t.ctx, user.id, ['read', 'write']);
    const client = await stream(token, await head(token));
    const amber = world.marking('AMBER');
    const asAnalyst = await publish(amber);
    await client.until((c) => received(c, asAnalyst), 'AMBER as an analyst');
    await setMemberRoles(t.ctx, systemActor(), world.ownOrgId, user.id, ['viewer']);
    const asViewer = await publish(amber);
    const sentinel = await publish(world.marking('GREEN'));
    await client.until((c) => received(c, sentinel), 'the sentinel');
    expect(received(client, asViewer)).toBe(false);

    const tokens = (await api(t.app, { url: '/api/v1/tokens', auth: { token } })).data;
    const revoked = await api(t.app, { method: 'DELETE', url: `/api/v1/tokens/${(tokens.items ?? tokens)[0].id}`, auth: { token } });
    expect(revoked.statusCode).toBe(204);
    await client.untilEnded();
  });

  it('ends a session\'s stream when the user signs out', async () => {
    const user = await makeUser(t.ctx, [{ orgId: world.ownOrgId, role: 'officer' }]);
    const session = await login(t.app, user.email);
    const client = await SseClient.open(`${base}/api/v1/operations/stream`, { cookie: session.cookie });
    expect(client.status).toBe(200);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/auth/logout', auth: session, body: {} })).statusCode).toBe(204);
    await client.untilEnded();
  });
});

describe('operations feed history', () => {
  it('lists the latest events the caller may know of, newest first, with the head to resume from', async () => {
    const viewer = world.personas.find((p) => p.label === 'viewer@other')!.token!;
    const analyst = world.personas.find((p) => p.label === 'analyst@own')!.token!;
    const green = await publish(world.marking('GREEN'));
    const amber = await publish(world.marking('AMBER'));
    const page = (token: string, query = '') => api(t.app, { url: `/api/v1/operations/feed?limit=5${query}`, auth: { token } });
    const forAnalyst = await waitFor(async () => {
      const data = (await page(analyst)).data;
      return data.items[0]?.recordId === amber ? data : null;
    }, 'the new events in the history');
    expect(forAnalyst.items.slice(0, 2).map((e: { recordId: string }) => e.recordId)).toEqual([amber, green]);
    expect(forAnalyst.head).toBeGreaterThanOrEqual(forAnalyst.items[0].position);
    expect(forAnalyst.items[0]).toMatchObject({ kind: 'test.happened', recordType: 'test_record', ownerOrgId: world.ownOrgId, tlp: 'AMBER', data: {} });
    const forViewer = (await page(viewer)).data.items.map((e: { recordId: string }) => e.recordId);
    expect(forViewer).toContain(green);
    expect(forViewer).not.toContain(amber);
    const older = (await page(analyst, `&before=${forAnalyst.items[0].position}`)).data.items;
    expect(older[0].recordId).toBe(green);
    expect((await api(t.app, { url: '/api/v1/operations/feed' })).statusCode).toBe(401);
  });
});
