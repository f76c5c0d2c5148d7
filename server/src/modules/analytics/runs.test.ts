import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/harness.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { insertIncidents, runAnalysis } from '../../../test/analytics.ts';
import { analyticsOf } from './service.ts';
import type { WorkerPool } from './worker-pool.ts';

/**
 * Runs happen in worker threads: they report progress, can be cancelled (by DELETE or by
 * closing their event stream), and are bounded in number and in time.
 */
let t: TestPlatform;
let analyst: Auth;
let colleague: Auth;
let url: string;

// A 40 × 33 km study area in 100 m cells (about 130,000 units) with 999 permutations: minutes of work.
const LONG = { statistic: 'gistar', parameters: { units: { kind: 'grid', cellSize: 100 }, permutations: 999 } };
const SHORT = { statistic: 'grid', parameters: { cellSize: 1000 } };

beforeAll(async () => {
  t = await startTestPlatform({ config: { analytics: { ...testConfig().analytics, workers: 2, runsPerUser: 2, maxRuns: 3 } } });
  const org = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const users = [await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]), await makeUser(t.ctx, [{ orgId: org.id, role: 'officer' }])];
  const tokens = await Promise.all(users.map(async (u) => ({ token: await makeToken(t.ctx, u.id, ['read']) })));
  analyst = tokens[0]!;
  colleague = tokens[1]!;
  await insertIncidents(t.ctx, { orgId: org.id, userId: users[0]!.id }, [
    ...Array.from({ length: 500 }, (_, i) => ({ lon: -122.6 + (i % 25) * 1e-3, lat: 45.5 + Math.floor(i / 25) * 1e-3, occurredFrom: '2016-08-01T10:00:00Z' })),
    { lon: -122.1, lat: 45.8, occurredFrom: '2016-08-02T10:00:00Z' },
  ]);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.stop());

const start = async (body: unknown, auth = analyst) => {
  const r = await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body, auth });
  expect(r.statusCode, r.body).toBe(202);
  return r.data as { id: string; status: string };
};
const status = async (id: string, auth = analyst) => (await api(t.app, { url: `/api/v1/analytics/runs/${id}`, auth })).data;
const pool = () => analyticsOf(t.ctx).executor as WorkerPool;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 3000; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(20);
  }
  throw new Error('condition not reached');
}

describe('analysis runs', () => {
  it('answer 202 at once and compute in a worker thread, reporting progress', async () => {
    const run = await start(LONG);
    expect(run.status).toMatch(/queued|running/);
    const computing = await until(() => status(run.id), (r) => r.progress.stage === 'computing' && r.progress.fraction > 0.1);
    expect(computing.status).toBe('running');
    expect(pool().stats().busy).toBe(1);
    // the event loop is free meanwhile: other requests are answered
    expect((await api(t.app, { url: '/api/v1/iccs' })).statusCode).toBe(200);
    await api(t.app, { method: 'DELETE', url: `/api/v1/analytics/runs/${run.id}`, auth: analyst });
  });

  it('stop the CPU work when cancelled: the thread is ended and the run says cancelled', async () => {
    const run = await start(LONG);
    await until(() => status(run.id), (r) => r.progress.stage === 'computing');
    const threads = pool().stats().threads;
    const cancelled = await api(t.app, { method: 'DELETE', url: `/api/v1/analytics/runs/${run.id}`, auth: analyst });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', progress: { stage: 'done' } });
    expect(pool().stats()).toMatchObject({ busy: 0, threads: threads - 1 });
    expect((await api(t.app, { url: `/api/v1/analytics/runs/${run.id}/result`, auth: analyst })).data.error.details[0].code).toBe('analytics.run_cancelled');
    // a new thread takes the next run
    const next = (await runAnalysis(t.app, analyst, SHORT)).run;
    expect(next).toMatchObject({ status: 'succeeded', incidents: 501 });
    expect(next.timings.selectionMs).toBeGreaterThanOrEqual(0);
    expect(next.timings.computationMs).toBeGreaterThanOrEqual(0);
  });

  it('stream progress as Server-Sent Events, and cancel the run when the stream is closed', async () => {
    const done = await start(SHORT);
    const streamed = await (await fetch(`${url}/api/v1/analytics/runs/${done.id}/stream`, { headers: { authorization: `Bearer ${(analyst as { token: string }).token}` } })).text();
    expect(streamed).toMatch(/event: done\ndata: \{[^\n]*"status":"succeeded"/);

    const run = await start(LONG);
    const controller = new AbortController();
    const response = await fetch(`${url}/api/v1/analytics/runs/${run.id}/stream`, { headers: { authorization: `Bearer ${(analyst as { token: string }).token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    let text = '';
    while (!/"stage":"computing"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: progress\ndata: /);
    controller.abort();
    expect((await until(() => status(run.id), (r) => r.status !== 'running')).status).toBe('cancelled');
    expect(pool().stats().busy).toBe(0);
  });

  it('bound the runs in progress per user and in all, with 429 and Retry-After', async () => {
    const first = await start(LONG);
    const second = await start(LONG);
    const third = await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body: SHORT, auth: analyst, headers: { 'accept-language': 'es' } });
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('10');
    expect(third.data.error.details[0]).toMatchObject({ code: 'analytics.too_many_runs_per_user', message: expect.stringMatching(/^Ya tiene 2 análisis en curso/) });
    // two threads busy, one run queued behind them; a fourth is refused
    const queued = await start(LONG, colleague);
    expect((await status(queued.id, colleague)).status).toBe('queued');
    expect((await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body: SHORT, auth: colleague })).statusCode).toBe(429);
    for (const [id, auth] of [[first.id, analyst], [second.id, analyst], [queued.id, colleague]] as const) {
      expect((await api(t.app, { method: 'DELETE', url: `/api/v1/analytics/runs/${id}`, auth })).data.status).toBe('cancelled');
    }
    expect(pool().stats()).toMatchObject({ busy: 0, queued: 0 });
  });
});

describe('a run over its time limit', () => {
  it('is stopped and says why', async () => {
    const limited = await startTestPlatform({ db: undefined, config: { analytics: { ...testConfig().analytics, timeoutMs: 1000 } } });
    try {
      const org = await makeOrg(limited.ctx, { type: 'police_agency', country: 'US' });
      const user = await makeUser(limited.ctx, [{ orgId: org.id, role: 'analyst' }]);
      await insertIncidents(limited.ctx, { orgId: org.id, userId: user.id }, [
        { lon: -122.6, lat: 45.5, occurredFrom: '2016-08-01T10:00:00Z' },
        { lon: -122.1, lat: 45.8, occurredFrom: '2016-08-02T10:00:00Z' },
      ]);
      const { run } = await runAnalysis(limited.app, { token: await makeToken(limited.ctx, user.id, ['read']) }, LONG, { 'accept-language': 'en' });
      expect(run).toMatchObject({ status: 'failed', error: { code: 'analytics.timeout', message: expect.stringMatching(/time limit \(1 s\)/) } });
      expect((analyticsOf(limited.ctx).executor as WorkerPool).stats().busy).toBe(0);
    } finally {
      await limited.stop();
    }
  });
});
