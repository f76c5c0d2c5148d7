import type { CpuSplit } from '../api/cpu.ts';
import type { Machine } from '../api/machine.ts';
import { writeDocsSection } from '../common/docs-section.ts';
import type { LoadResult, ReadBack } from './load.ts';
import { options } from './options.ts';
import { describeArgon2, type HashCeiling } from './reference.ts';

export const SECTION = '## Anonymous tips intake (npm run bench:intake)';

export interface SustainedResult {
  engine: 'PostgreSQL' | 'PGlite';
  /** Raw argon2id hash rate measured just before this engine's run. */
  reference: HashCeiling;
  warmup: LoadResult;
  load: LoadResult;
  cpu: CpuSplit | null;
  /** Tips accepted in the warm-up and the measured run, all read back. */
  sent: number;
  readBack: ReadBack;
  /** Rows in `tips` after the server stopped. */
  rows: number;
}

export interface KillResult {
  engine: 'PostgreSQL' | 'PGlite';
  /** Tips answered 201 before the server was killed. */
  acknowledged: number;
  /** Requests in flight at the kill, which got no answer. */
  unanswered: number;
  readBack: ReadBack;
  rows: number;
  restartSeconds: number;
}

export interface IntakeRun {
  machine: Machine;
  sustained: SustainedResult[];
  killed: KillResult[];
  loadAverage: [number, number];
}

const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const n1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const ms = (v: number) => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');
const cpuMs = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(1));
const non2xx = (r: LoadResult) => [...r.statuses].filter(([status]) => status >= 300).reduce((n, [, c]) => n + c, 0);
const perSecond = (r: LoadResult) => r.accepted.length / r.seconds;
const bold = (v: number) => (v === 0 ? '0' : `**${n0(v)}**`);

function sustainedTable(run: IntakeRun): string {
  const lines = [
    '| Engine | accepted/s | p50 ms | p99 ms | accepted (+ warm-up) | non-2xx | unanswered | read back: present / missing / unverified | rows in `tips` | CPU ms/tip: server / PG / bench | busy | raw hashes/s just before | accepted ÷ raw |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of run.sustained) {
    const b = r.readBack;
    lines.push(
      `| ${r.engine} | ${n1(perSecond(r.load))} | ${ms(r.load.p50)} | ${ms(r.load.p99)} | ${n0(r.load.accepted.length)} (+ ${n0(r.warmup.accepted.length)}) | ` +
        `${non2xx(r.load) + non2xx(r.warmup)} | ${r.load.unanswered + r.warmup.unanswered} | ${n0(b.present)} / ${bold(b.missing)} / ${bold(b.unverified)} | ${n0(r.rows)} | ` +
        `${cpuMs(r.cpu?.serverMs)} / ${cpuMs(r.cpu?.postgresMs)} / ${cpuMs(r.cpu?.generatorMs)} | ${r.cpu ? `${Math.round(r.cpu.machineBusy * 100)} %` : ''} | ` +
        `${n1(r.reference.best.hashesPerSecond)} | ${Math.round((perSecond(r.load) / r.reference.best.hashesPerSecond) * 100)} % |`,
    );
  }
  return lines.join('\n');
}

function killTable(run: IntakeRun): string {
  const lines = [
    '| Engine | SIGKILL after | acknowledged (201) | present after restart | missing | unverified | unanswered at the kill | rows in `tips` after restart | restart to ready |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const k of run.killed) {
    lines.push(
      `| ${k.engine} | ${options.killAfterSeconds} s | ${n0(k.acknowledged)} | ${n0(k.readBack.present)} | ${bold(k.readBack.missing)} | ${bold(k.readBack.unverified)} | ` +
        `${n0(k.unanswered)} | ${n0(k.rows)} | ${n1(k.restartSeconds)} s |`,
    );
  }
  return lines.join('\n');
}

function referenceLine(run: IntakeRun): string {
  const rates = (r: SustainedResult) =>
    r.reference.rates.map((h) => `${h.concurrency} at once ${n1(h.hashesPerSecond)}/s (p50 ${ms(h.p50)} ms)`).join(', ');
  return (
    `Reference ("raw hashes/s"): ${describeArgon2()} hashes with \`@node-rs/argon2\` in the benchmark process with nothing else running in it, ` +
    `on libuv's thread pool (${process.env.UV_THREADPOOL_SIZE ?? 4} threads, as in the server), ${options.referenceSeconds} s at each concurrency, just before each engine's run; ` +
    `the best of them is the ceiling: ${run.sustained.map((r) => `before ${r.engine}: ${rates(r)}`).join('; ')}. ` +
    'Each accepted tip costs one such hash, so "accepted ÷ raw" is the share of the ceiling the server reaches.'
  );
}

function readings(run: IntakeRun): string[] {
  const lines = run.sustained.map(
    (r) =>
      `${r.engine}: ${n0(r.sent)} tips accepted in all, ${n0(r.readBack.present)} read back with their receipt and passphrase ` +
      `(${n1(r.readBack.present / r.readBack.seconds)} follow-ups/s, ${options.readBackConcurrency} at a time; each verifies one hash), ` +
      `${r.readBack.missing} missing; ${n0(r.rows)} rows in \`tips\` afterwards.`,
  );
  for (const k of run.killed) {
    const extra = k.rows - k.readBack.present;
    lines.push(
      `${k.engine}, kill -9: ${n0(k.acknowledged)} tips had been answered 201 and ${n0(k.readBack.present)} of them were there after the restart ` +
        `(${k.readBack.missing} missing); ${k.unanswered} requests were in flight, of which ${Math.max(0, extra)} had been committed without their answer reaching the client ` +
        `(rows ${n0(k.rows)} − present ${n0(k.readBack.present)}).`,
    );
  }
  return lines.map((line) => `- ${line}`);
}

export function summary(run: IntakeRun): string {
  return [sustainedTable(run), '', referenceLine(run), '', ...(run.killed.length > 0 ? [killTable(run), ''] : []), ...readings(run)].join('\n');
}

export function section(run: IntakeRun): string {
  const { machine } = run;
  const [before, after] = run.loadAverage;
  const body = [
    SECTION,
    '',
    `Run on ${machine.date} (code at ${machine.revision}): ${machine.cpus} vCPU (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, ${machine.os}, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres ?? 'n/a'} (local, stock configuration: \`fsync\` and \`synchronous_commit\` on), PGlite ${machine.pglite}. ` +
      `The load generator, the server and the database share these cores, and other work (test suites of other branches) may have been running meanwhile: ` +
      `1-minute load average ${before.toFixed(1)} at the start of the run, ${after.toFixed(1)} at the end.`,
    '',
    `**What**: \`npm run bench:intake\` starts \`node bin/alianza.js serve\` as a child process (\`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, \`ALIANZA_JOBS=false\`, ` +
      '`ALIANZA_TIP_SUBMISSIONS_PER_HOUR` and `ALIANZA_TIP_ACCESSES_PER_HOUR` raised to 1,000,000 because every request comes from one address) on an empty database ' +
      `of each engine, and ${options.connections} residents on loopback each send \`POST /api/v1/tips\` (a category in turn, a 90-character text, no location; ` +
      `passphrase generated by the server) as soon as the previous answer arrived: ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured. ` +
      `Every accepted tip (warm-up included) is then opened with \`POST /api/v1/tips/access\` with its receipt and passphrase, ${options.readBackConcurrency} at a time; ` +
      `"missing" counts 401 answers (no tip with that receipt and passphrase), "unverified" any other answer. Passphrases are stored as ${describeArgon2()} ` +
      '(server/src/platform/auth/passwords.ts); a submission hashes once, a follow-up verifies once.',
    '',
    sustainedTable(run),
    '',
    'non-2xx and unanswered include the warm-up; p50/p99 are of the measured run. "CPU ms/tip" is CPU time per accepted tip during the measured run: ' +
      'the server child (its argon2 threads included) / all PostgreSQL processes / the load generator; "busy" is the share of all cores in use.',
    '',
    referenceLine(run),
    '',
    `**kill -9**: on another empty database, the same load; after ${options.killAfterSeconds} s the residents stop sending and the server gets SIGKILL with its requests in flight. ` +
      'It is started again on the same database (PostgreSQL database, or PGlite data folder: the embedded database dies with the process and recovers from its WAL), ' +
      'and every tip answered 201 before the kill is opened with its receipt and passphrase. On PostgreSQL only the application process dies, not the database server. ' +
      'PGlite writes its WAL through to the operating system (Emscripten NODEFS, synchronous `write`) before a commit returns, but never calls `fsync`: PGlite starts ' +
      'PostgreSQL with `-F` and NODEFS has no `fsync` operation. So this test shows what survives a crash of the process; a crash of the machine or a power cut ' +
      'may lose the last acknowledged tips on PGlite (not on PostgreSQL with its stock `fsync = on`).',
    '',
    ...(run.killed.length > 0 ? [killTable(run), ''] : []),
    ...readings(run),
    '',
    'Run again: `npm run bench:intake` (PostgreSQL at `BENCH_PG_ADMIN_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`; it drops and recreates the database ' +
      `\`${options.database}\`, \`BENCH_PG_DATABASE\`). Knobs: \`BENCH_ENGINES=postgres,pglite\`, \`BENCH_DURATION\`, \`BENCH_WARMUP\`, \`BENCH_CONNECTIONS\`, ` +
      '`BENCH_READBACK_CONCURRENCY`, `BENCH_KILL_AFTER` (seconds), `BENCH_KILL=0` (no kill test), `BENCH_REFERENCE_SECONDS`, `BENCH_WRITE_DOCS=0`.',
  ];
  return `${body.join('\n')}\n`;
}

/** Replaces (or appends) this section of docs/benchmarks.md. */
export const writeDocs = (text: string): void => writeDocsSection(SECTION, text);
