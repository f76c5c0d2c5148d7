// `npm run bench:intake`: sustained anonymous tip submissions against `alianza serve` on
// PostgreSQL and PGlite, every accepted tip read back with its receipt, and a kill -9 in the
// middle of the load; prints the results and rewrites its section of docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEngine } from '../../server/src/platform/db/engine.ts';
import { cpuMeter } from '../api/cpu.ts';
import { describeMachine } from '../api/machine.ts';
import { adminQuery, recreatePostgisDatabase } from '../common/pg-admin.ts';
import { startServer } from '../common/server-child.ts';
import { readBack, sendTips, tipCategories } from './load.ts';
import { log, options, type EngineKind } from './options.ts';
import { argon2Ceiling } from './reference.ts';
import { section, summary, writeDocs, type KillResult, type SustainedResult } from './report.ts';

/** The per-address limits are for residents; the benchmark is one address sending thousands. */
const SERVER = { env: { ALIANZA_TIP_SUBMISSIONS_PER_HOUR: '1000000', ALIANZA_TIP_ACCESSES_PER_HOUR: '1000000' }, readyTimeoutMs: 300_000 };

interface Target {
  engine: 'PostgreSQL' | 'PGlite';
  database: { url: string } | { dataDir: string };
  /** Rows in `tips`, read directly from the database (the server must be stopped on PGlite). */
  countTips(): Promise<number>;
  dispose(): Promise<void>;
}

let postgresVersion: string | null = null;

/** An empty database for one server: a recreated PostgreSQL database, or a new PGlite folder. */
async function freshTarget(kind: EngineKind): Promise<Target> {
  if (kind === 'postgres') {
    const { url, version } = await recreatePostgisDatabase(options.adminUrl, options.database);
    postgresVersion = version;
    return {
      engine: 'PostgreSQL',
      database: { url },
      countTips: async () => Number((await adminQuery(url, 'select count(*) as n from reports')).rows[0].n),
      dispose: async () => void (await adminQuery(options.adminUrl, `drop database if exists ${options.database} with (force)`)),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-intake-'));
  return {
    engine: 'PGlite',
    database: { dataDir: dir },
    async countTips() {
      const engine = await openEngine({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }); // where `serve` keeps it
      try {
        return Number((await engine.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      } finally {
        await engine.close();
      }
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function warnIf(condition: boolean, message: string): void {
  if (!condition) return;
  log(`WARNING ${message}`);
  process.exitCode = 1;
}

async function sustained(kind: EngineKind): Promise<SustainedResult> {
  const target = await freshTarget(kind);
  try {
    log(`${target.engine}: reference, raw argon2id hashes in this process, ${options.referenceSeconds} s at each concurrency`);
    const reference = await argon2Ceiling(options.connections, os.availableParallelism(), options.referenceSeconds);
    const server = await startServer(target.database, SERVER);
    let result: Omit<SustainedResult, 'rows'>;
    try {
      const categories = await tipCategories(server.url);
      log(`${target.engine}: warm-up ${options.warmupSeconds} s, then ${options.durationSeconds} s x ${options.connections} residents sending tips`);
      const warmup = await sendTips(server.url, categories, options.connections, options.warmupSeconds);
      const meter = cpuMeter(server.pid);
      const load = await sendTips(server.url, categories, options.connections, options.durationSeconds);
      const cpu = meter(load.accepted.length);
      const sent = [...warmup.accepted, ...load.accepted];
      log(`${target.engine}: ${load.accepted.length} accepted (+${warmup.accepted.length} in the warm-up); reading them back, ${options.readBackConcurrency} at a time`);
      const back = await readBack(server.url, sent, options.readBackConcurrency);
      result = { engine: target.engine, reference, warmup, load, cpu, readBack: back, sent: sent.length };
      if (server.output.length > 0) log(`server said:\n${server.output.slice(-20).join('\n')}`);
    } finally {
      await server.stop();
    }
    const rows = await target.countTips();
    const non2xx = [...result.load.statuses, ...result.warmup.statuses].filter(([status]) => status >= 300).reduce((n, [, c]) => n + c, 0);
    warnIf(non2xx + result.load.unanswered + result.warmup.unanswered > 0, `${target.engine}: ${non2xx} non-2xx, ${result.load.unanswered} unanswered (${result.load.firstError ?? result.warmup.firstError})`);
    warnIf(result.readBack.missing + result.readBack.unverified > 0, `${target.engine}: ${result.readBack.missing} accepted tips missing, ${result.readBack.unverified} unverified (${result.readBack.firstProblem})`);
    return { ...result, rows };
  } finally {
    await target.dispose();
  }
}

async function killed(kind: EngineKind): Promise<KillResult> {
  const target = await freshTarget(kind);
  try {
    const server = await startServer(target.database, SERVER);
    const categories = await tipCategories(server.url);
    log(`${target.engine}: kill test, SIGKILL to pid ${server.pid} after ${options.killAfterSeconds} s of load`);
    let halted = false;
    const loading = sendTips(server.url, categories, options.connections, options.killAfterSeconds + 600, () => halted);
    await new Promise((resolve) => setTimeout(resolve, options.killAfterSeconds * 1000));
    halted = true; // no new requests; those in flight die with the server
    await server.kill();
    const load = await loading;
    const restartedAt = performance.now();
    const again = await startServer(target.database, SERVER);
    const restartSeconds = (performance.now() - restartedAt) / 1000;
    let back;
    try {
      log(`${target.engine}: restarted in ${restartSeconds.toFixed(1)} s; reading back the ${load.accepted.length} acknowledged tips`);
      back = await readBack(again.url, load.accepted, options.readBackConcurrency);
    } finally {
      await again.stop();
    }
    const rows = await target.countTips();
    warnIf(back.missing + back.unverified > 0, `${target.engine}: after kill -9, ${back.missing} acknowledged tips missing, ${back.unverified} unverified (${back.firstProblem})`);
    return { engine: target.engine, acknowledged: load.accepted.length, unanswered: load.unanswered, readBack: back, rows, restartSeconds };
  } finally {
    await target.dispose();
  }
}

const loadBefore = os.loadavg()[0]!;
const sustainedResults: SustainedResult[] = [];
const killResults: KillResult[] = [];
for (const kind of options.engines) {
  sustainedResults.push(await sustained(kind));
  if (options.killTest) killResults.push(await killed(kind));
}

const machine = describeMachine(postgresVersion);
const run = { machine, sustained: sustainedResults, killed: killResults, loadAverage: [loadBefore, os.loadavg()[0]!] as [number, number] };
process.stdout.write(`\n${summary(run)}\n`);
if (options.writeDocs) {
  writeDocs(section(run));
  log('docs/benchmarks.md updated');
}
