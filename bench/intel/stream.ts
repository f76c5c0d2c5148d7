import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../server/src/platform/auth/actor.ts';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { CreateTokenBody } from '../../server/src/modules/tokens/schemas.ts';
import { createToken } from '../../server/src/modules/tokens/service.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { startServer, type ServerChild } from '../common/server-child.ts';
import { connect, type StreamClient } from './sse-client.ts';
import { summarise, type Summary } from './timing.ts';
import { makeUser, type World } from './world.ts';

export interface StreamOptions {
  clients: number;
  eventsPerSecond: number;
  seconds: number;
  instances: number;
}

export interface StreamRun {
  clients: number;
  instances: number;
  personas: number;
  committed: number;
  /** Commit acknowledged (API response) to arrival at the client. */
  fromCommit: Summary;
  /** Request sent to arrival: an upper bound that includes the write itself. */
  fromRequest: Summary;
  write: Summary;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Deliveries of events a client may not know of (must be 0). */
  unexpected: number;
  clientsComplete: number;
  serverCpuSeconds: number[];
}

export interface StreamResult {
  single: StreamRun;
  many: StreamRun;
  fileLimit: number;
}

const PERSONAS = 40;
/** Sockets per stream client, plus the servers' own files, with room to spare. */
const filesNeeded = (clients: number) => clients + 256;

function fileLimit(hard = false): number {
  const out = execFileSync('sh', ['-c', `ulimit -${hard ? 'H' : 'S'}n`], { encoding: 'utf8' }).trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

/**
 * Enough file descriptors for `clients` sockets, or a clear error instead of EMFILE half-way.
 * Node raises its soft limit to the hard one at start-up, so a shell started from here shows
 * the limit this process (and the servers it starts) really has; only the hard limit can stop it.
 */
export function ensureFileLimit(clients: number): number {
  const limit = fileLimit();
  const need = filesNeeded(clients);
  if (limit < need) throw new Error(`ulimit -n is ${limit} (hard ${fileLimit(true)}): ${need} open files are needed for ${clients} stream clients; raise the hard limit (e.g. ulimit -Hn ${need}) and run again`);
  return limit;
}

/** user + system CPU seconds of a process so far (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Persona {
  actor: Actor & { userId: string };
  orgIndex: number;
  token: string;
}

/** Analysts of the task force's organisations (task force 0), each with an API token. */
async function personas(ctx: AppContext, world: World, count: number): Promise<Persona[]> {
  const orgs = world.groups[0]!.orgIndexes;
  const list: Persona[] = [];
  for (let i = 0; i < count; i++) {
    const orgIndex = orgs[i % orgs.length]!;
    const actor = await makeUser(ctx, `stream-${i}`, world.orgs[orgIndex]!.id, 'analyst');
    const { token } = await createToken(ctx, systemActor(), actor.userId, CreateTokenBody.parse({ name: 'bench stream', scopes: ['read'] }));
    list.push({ actor, orgIndex, token });
  }
  return list;
}

/**
 * `clients` streams spread over the instances; bulletins issued by an analyst of organisation
 * 0 through the API of instance 0 at a steady rate: four in five AMBER for the task force
 * (every client may know of them), one in five AMBER+STRICT (only organisation 0's clients).
 */
async function measure(servers: ServerChild[], people: Persona[], writerToken: string, groupId: string, clients: number, options: StreamOptions, log: (line: string) => void): Promise<StreamRun> {
  const streams: StreamClient[] = [];
  for (let start = 0; start < clients; start += 50) {
    const batch = Array.from({ length: Math.min(50, clients - start) }, (_, j) => start + j);
    streams.push(...(await Promise.all(batch.map((i) => connect(servers[i % servers.length]!.url, people[i % people.length]!.token, i, i % people.length)))));
  }
  await sleep(2000); // the subscriptions are registered just after the response starts
  const cpuBefore = servers.map((s) => cpuSeconds(s.pid));
  const total = Math.round(options.eventsPerSecond * options.seconds);
  const commits: { id: string; strict: boolean; sent: number; acked: number }[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    await sleep(started + (i * 1000) / options.eventsPerSecond - performance.now());
    const strict = i % 5 === 4;
    const body = { tlp: strict ? 'AMBER+STRICT' : 'AMBER', kind: 'alert', title: `Alerta ${i + 1}: vehículo sospechoso`, body: 'Circula por la ruta 9 hacia el puerto.', sharingGroupIds: strict ? [] : [groupId] };
    const sent = performance.now();
    inFlight.push(
      fetch(`${servers[0]!.url}/api/v1/bulletins`, { method: 'POST', headers: { authorization: `Bearer ${writerToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => {
        const acked = performance.now();
        if (response.status !== 201 && response.status !== 200) throw new Error(`POST /api/v1/bulletins: HTTP ${response.status} ${await response.text()}`);
        commits.push({ id: ((await response.json()) as { id: string }).id, strict, sent, acked });
      }),
    );
  }
  await Promise.all(inFlight);
  const byId = new Map(commits.map((c) => [c.id, c]));
  const expectedFor = (s: StreamClient) => commits.filter((c) => !c.strict || people[s.persona]!.orgIndex === 0).length;
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline && streams.some((s) => !s.ended && s.arrivals.size < expectedFor(s))) await sleep(100);
  const cpuAfter = servers.map((s) => cpuSeconds(s.pid));
  const fromCommit: number[] = [];
  const fromRequest: number[] = [];
  let expected = 0;
  let delivered = 0;
  let unexpected = 0;
  let complete = 0;
  for (const s of streams) {
    const mine = expectedFor(s);
    expected += mine;
    let got = 0;
    for (const [id, at] of s.arrivals) {
      const c = byId.get(id);
      if (!c) continue; // not one of this run's bulletins
      if (c.strict && people[s.persona]!.orgIndex !== 0) unexpected += 1;
      got += 1;
      fromCommit.push(at - c.acked);
      fromRequest.push(at - c.sent);
    }
    delivered += got;
    if (got === mine) complete += 1;
    s.close();
  }
  log(`stream: ${clients} clients, ${commits.length} bulletins: ${delivered}/${expected} deliveries, p99 ${summarise(fromCommit).p99.toFixed(1)} ms after commit`);
  return {
    clients, instances: servers.length, personas: Math.min(people.length, clients), committed: commits.length,
    fromCommit: summarise(fromCommit), fromRequest: summarise(fromRequest), write: summarise(commits.map((c) => c.acked - c.sent)),
    expected, delivered, lost: expected - delivered, duplicates: streams.reduce((n, s) => n + s.duplicates, 0), unexpected, clientsComplete: complete,
    serverCpuSeconds: cpuAfter.map((a, i) => a - cpuBefore[i]!),
  };
}

export async function runStream(ctx: AppContext, url: string, world: World, options: StreamOptions, log: (line: string) => void): Promise<StreamResult> {
  const people = await personas(ctx, world, Math.min(PERSONAS, options.clients));
  const writer = await createToken(ctx, systemActor(), world.analysts[0]!.userId, CreateTokenBody.parse({ name: 'bench writer', scopes: ['read', 'write'] }));
  const servers: ServerChild[] = [];
  try {
    for (let i = 0; i < options.instances; i++) servers.push(await startServer({ url }, { readyTimeoutMs: 120_000 }));
    log(`stream: ${servers.length} instances on one database; warm-up, then a single client`);
    // Fresh processes compile their hot paths on the first requests: not part of either run.
    await measure(servers, people, writer.token, world.groups[0]!.id, servers.length, { ...options, seconds: 3 }, () => {});
    const single = await measure(servers.slice(0, 1), people, writer.token, world.groups[0]!.id, 1, { ...options, seconds: Math.min(options.seconds, 10) }, log);
    const many = await measure(servers, people, writer.token, world.groups[0]!.id, options.clients, options, log);
    return { single, many, fileLimit: fileLimit() };
  } finally {
    for (const s of servers) await s.stop();
  }
}
