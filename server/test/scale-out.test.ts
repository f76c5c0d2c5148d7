import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/platform/db/engine.ts';
import type { DeliveredEvent } from '../src/platform/events/event-bus.ts';
import { cleanupJob } from '../src/modules/housekeeping/cleanup-job.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../src/platform/http/context.ts';
import { makeOrg, makeToken, makeUser, TEST_PASSWORD } from './factories.ts';
import { SseClient } from './sse.ts';
import { createTestDatabase, LogCapture, testConfig, type TestDatabase } from './harness.ts';

/**
 * Two server instances against one database share nothing else: a session opened on one
 * is valid on the other, and an event committed on one reaches the other.
 * On PostgreSQL they have separate pools and LISTEN connections; on embedded PGlite (one
 * process by nature) they share the engine, exercising the same interfaces.
 */
let db: TestDatabase;
let a: Platform;
let b: Platform;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const config = testConfig({ jobs: true });
  const logger = () => createLogger('warn', new LogCapture());
  a = await startPlatform(config, logger(), { engine: db.engine, migrate: false });
  const engineB = db.url ? await openEngine({ kind: 'postgres', url: db.url, poolSize: 5 }) : db.engine;
  b = await startPlatform(config, logger(), { engine: engineB, migrate: false });
  urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await b.stop().catch(() => {});
  await a.stop().catch(() => {});
  await db.drop();
});

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('two instances on one database', () => {
  it('share sessions: log in on A, act on B, log out on B, rejected on A', async () => {
    const org = await makeOrg(a.ctx);
    const user = await makeUser(a.ctx, [{ orgId: org.id, role: 'analyst' }]);
    const loginResponse = await post(urlA, '/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(loginResponse.status).toBe(200);
    const { csrfToken } = (await loginResponse.json()) as { csrfToken: string };
    const cookie = loginResponse.headers.get('set-cookie')!.split(';')[0]!;

    const onB = await post(urlB, '/api/v1/notes', { tlp: 'GREEN', title: 'created through B' }, { cookie, 'x-csrf-token': csrfToken });
    expect(onB.status).toBe(201);
    expect((await fetch(`${urlA}/api/v1/auth/session`, { headers: { cookie } })).status).toBe(200);

    expect((await post(urlB, '/api/v1/auth/logout', {}, { cookie, 'x-csrf-token': csrfToken })).status).toBe(204);
    // A learns of the logout through NOTIFY (it may hold the session in its principal cache).
    let status = 0;
    for (const deadline = Date.now() + 2_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      status = (await fetch(`${urlA}/api/v1/auth/session`, { headers: { cookie } })).status;
      if (status === 401) break;
    }
    expect(status).toBe(401);
  });

  it('fan events out: a note committed on A is announced on B', async () => {
    const received: DeliveredEvent[] = [];
    const unsubscribe = b.ctx.events.subscribe((event) => received.push(event));
    const org = await makeOrg(a.ctx);
    const user = await makeUser(a.ctx, [{ orgId: org.id, role: 'officer' }]);
    const loginResponse = await post(urlA, '/api/v1/auth/login', { email: user.email, password: TEST_PASSWORD });
    const { csrfToken } = (await loginResponse.json()) as { csrfToken: string };
    const cookie = loginResponse.headers.get('set-cookie')!.split(';')[0]!;
    const created = (await (await post(urlA, '/api/v1/notes', { tlp: 'AMBER', title: 'evento' }, { cookie, 'x-csrf-token': csrfToken })).json()) as { id: string };
    const deadline = Date.now() + 10_000;
    while (!received.some((e) => e.recordId === created.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    unsubscribe();
    const event = received.find((e) => e.recordId === created.id);
    expect(event).toMatchObject({ type: 'note.created', recordType: 'note', orgIds: [org.id], data: { tlp: 'AMBER' } });
    expect(JSON.stringify(event)).not.toContain('evento'); // events carry ids, not content
  });

  it('run background jobs sent from either instance', async () => {
    const job = cleanupJob(a.ctx.db);
    const id = (await b.ctx.jobs.send(job, { reason: 'test' }))!;
    expect(id).toBeTruthy();
    const deadline = Date.now() + 20_000;
    let state = await a.ctx.jobs.state(job, id);
    while (state !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      state = await a.ctx.jobs.state(job, id);
    }
    expect(state).toBe('completed');
  });

  it('deliver one operations stream: events committed through either instance reach clients of both, in one order, and a client resuming on the other instance gets exactly what it missed', async () => {
    const org = await makeOrg(a.ctx);
    const user = await makeUser(a.ctx, [{ orgId: org.id, role: 'analyst' }]);
    const token = await makeToken(a.ctx, user.id, ['read']);
    const marking = { tlp: 'AMBER' as const, ownerOrgId: org.id, createdBy: null, sharingGroupIds: [], recipientUserIds: [] };
    // Transactions of both instances that stay open a little while: on PostgreSQL they commit
    // in a different order from the one in which they wrote their events.
    const publish = (ctx: AppContext) => {
      const id = randomUUID();
      return ctx.db.transaction().execute(async (trx) => {
        await ctx.feed.publish(trx, { kind: 'test.scaled', record: { type: 'test_record', id }, marking });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
        return id;
      });
    };
    const burst = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => publish(i % 2 === 0 ? a.ctx : b.ctx)));
    const head = (await (await fetch(`${urlA}/api/v1/operations/feed?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { head: number };
    const open = (url: string, after: string | number) => SseClient.open(`${url}/api/v1/operations/stream`, { authorization: `Bearer ${token}`, 'last-event-id': String(after) });
    const ids = (client: SseClient) => client.parsed<{ recordId: string }>().map((e) => e.recordId);
    const hasAll = (client: SseClient, wanted: string[]) => wanted.every((id) => ids(client).includes(id));

    const onB = await open(urlB, head.head);
    const onA = await open(urlA, head.head);
    const throughA = await publish(a.ctx);
    await onB.until((c) => hasAll(c, [throughA]), 'the event committed through A, on B');
    const together = await burst(20);
    await onB.until((c) => hasAll(c, together), 'the burst on B');
    await onA.until((c) => hasAll(c, together), 'the burst on A');
    expect(ids(onA)).toEqual(ids(onB));
    expect(new Set(ids(onB)).size).toBe(21);
    const positions = onB.parsed<{ position: number }>().map((e) => e.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));

    const resumeFrom = onB.parser.lastEventId!;
    onB.close();
    const missed = await burst(10);
    const settled = await publish(a.ctx);
    await onA.until((c) => hasAll(c, [...missed, settled]), 'the missed events on A');
    const expected = onA.parsed<{ position: number; recordId: string }>().filter((e) => e.position > Number(resumeFrom)).map((e) => e.recordId);
    expect(new Set(expected)).toEqual(new Set([...missed, settled]));
    for (const url of [urlA, urlB]) {
      const resumed = await open(url, resumeFrom);
      await resumed.until((c) => hasAll(c, [settled]), `the replay on ${url === urlA ? 'A' : 'B'}`);
      expect(ids(resumed)).toEqual(expected);
      resumed.close();
    }
    onA.close();
  });
});
