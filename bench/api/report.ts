import { writeDocsSection } from '../common/docs-section.ts';
import type { Machine } from './machine.ts';
import type { Measurement } from './measure.ts';
import { options } from './options.ts';

export const SECTION = '## API (npm run bench:api)';

const INTRO = `# Benchmarks

Throughput and latency of Alianza measured on one machine, so that regressions show and
capacity can be estimated. Each section says what it measures, how to run it again and the
machine it ran on; the numbers are rewritten by the benchmark itself. They depend heavily on the
machine: compare runs on the same machine only.
`;

export const TARGETS = { postgresReads: 3000, postgresWrites: 1000, writeShareOfRaw: 0.4 };

export interface EngineReport {
  engine: Measurement['engine'];
  measurements: Measurement[];
  /** Sentences about the run (data set, audit rows per read, chainer backlog...). */
  facts: string[];
}

const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const ms = (v: number) => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');
const pct = (v: number) => `${Math.round(v * 100)} %`;

export const find = (m: Measurement[], scenario: Measurement['scenario'], prefix: string) => m.find((x) => x.scenario === scenario && x.path.startsWith(prefix));

const cpuMs = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const cpuCell = (m: Measurement) => (m.cpu ? `${cpuMs(m.cpu.serverMs)} / ${cpuMs(m.cpu.postgresMs)} / ${cpuMs(m.cpu.generatorMs)}` : '');

function targetFor(report: EngineReport, m: Measurement): string {
  if (report.engine !== 'PostgreSQL' || !m.path.startsWith('HTTP')) return '';
  const raw = find(report.measurements, 'write', 'raw pg, core SQL');
  if (m.scenario === 'read') return `≥ ${n0(TARGETS.postgresReads)}/s: ${m.requestsPerSecond >= TARGETS.postgresReads ? 'met' : '**missed**'}`;
  const abs = m.requestsPerSecond >= TARGETS.postgresWrites;
  const share = raw ? m.requestsPerSecond / raw.requestsPerSecond : Number.NaN;
  const rel = share >= TARGETS.writeShareOfRaw;
  const share1 = `${(share * 100).toFixed(1)} %`;
  return `≥ ${n0(TARGETS.postgresWrites)}/s: ${abs ? 'met' : '**missed**'}; ≥ ${pct(TARGETS.writeShareOfRaw)} of raw: ${raw ? (rel ? `met (${share1})` : `**missed** (${share1})`) : 'not measured'}`;
}

export function markdownTable(reports: EngineReport[]): string {
  const lines = [
    '| Engine | Scenario | Load path | req/s | p50 ms | p99 ms | non-2xx | errors | CPU ms/req: server / PG / bench | busy | Target |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const report of reports) {
    for (const m of report.measurements) {
      lines.push(
        `| ${m.engine} | ${m.scenario} | ${m.path} | ${n0(m.requestsPerSecond)} | ${ms(m.p50)} | ${ms(m.p99)} | ${m.non2xx ?? '–'} | ${m.errors} | ${cpuCell(m)} | ${m.cpu ? pct(m.cpu.machineBusy) : ''} | ${targetFor(report, m)} |`,
      );
    }
  }
  return lines.join('\n');
}

export function ratios(report: EngineReport): string[] {
  const out: string[] = [];
  for (const scenario of ['read', 'write'] as const) {
    const api = find(report.measurements, scenario, 'HTTP');
    if (!api) continue;
    const parts: string[] = [];
    for (const [label, prefix] of [
      ['raw core SQL', 'raw pg, core SQL'],
      ['raw full request', 'raw pg, full request'],
      ['service layer in-process', 'service layer'],
    ] as const) {
      const other = find(report.measurements, scenario, prefix);
      if (other) parts.push(`${pct(api.requestsPerSecond / other.requestsPerSecond)} of ${label}`);
    }
    if (parts.length > 0) out.push(`${report.engine} ${scenario}: API = ${parts.join(', ')}.`);
  }
  return out;
}

export function section(machine: Machine, reports: EngineReport[]): string {
  const body = [
    SECTION,
    '',
    `Run on ${machine.date} (code at ${machine.revision}): ${machine.cpus} vCPU (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, ${machine.os}, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres ?? 'n/a'} (local, stock configuration), PGlite ${machine.pglite}. ` +
      'The load generator, the server and the database share these cores.',
    '',
    `**What**: \`npm run bench:api\` seeds each engine through the service layer, starts \`node bin/alianza.js serve\` as a child process ` +
      '(`LOG_LEVEL=warn`, `ALIANZA_JOBS=false`, default `DATABASE_POOL_SIZE`=20) and drives it with autocannon on loopback, ' +
      `${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured per scenario:`,
    '',
    '- **read**: `GET /api/v1/notes?limit=20` with `Authorization: Bearer <token>`: token lookup, access-filtered list, one audit row per restricted (AMBER, AMBER+STRICT, RED) note returned, distribution of the page;',
    `- **write**: \`POST /api/v1/notes\` \`${JSON.stringify({ tlp: 'GREEN', title: 'Bench note', body: 'Written by the API benchmark.' })}\`: one transaction with the note, its (empty) distribution, the audit entry and the NOTIFY.`,
    '',
    'Data: 3 organisations (owner; partner, in a sharing group with the owner; outsider), 5 users, and notes from 5 authors of the three ' +
      'organisations with mixed markings (counts below); the caller is an analyst of the owner organisation with an API token (read, write), so the ' +
      'TLP condition (own organisation, sharing group, named recipients) decides what each page holds.',
    '',
    'For PostgreSQL the same run measures the ceiling with a plain `pg` pool (' +
      `${options.connections} workers, pool of ${options.connections}) replaying the SQL the service issues (captured through a Kysely \`log\` hook): ` +
      '"core SQL" = the visibility SELECT + the read\'s audit insert, or BEGIN; insert note; audit_log+audit_pending CTE; pg_notify; COMMIT; ' +
      '"full request" replays every statement the API sends for the request, in order (listed below, as captured from the code that was measured). ' +
      '"service layer" runs the token lookup and the notes service in-process without HTTP (audit chainer running). ' +
      'Raw loops leave their audit entries to be chained afterwards, so they do not pay for the hash chain.',
    '',
    markdownTable(reports),
    '',
    '"CPU ms/req" is CPU time per completed request during the measured run: the server child / all PostgreSQL processes / the benchmark process ' +
      '(autocannon, or the raw and in-process loops, which include the client and service work); "busy" is the share of all cores in use. ' +
      'non-2xx and errors include the warm-up.',
    '',
    ...reports.flatMap((r) => ratios(r).map((line) => `- ${line}`)),
    ...reports.flatMap((r) => r.facts.map((line) => `- ${r.engine}: ${line}`)),
    '',
    `Targets (PostgreSQL): reads ≥ ${n0(TARGETS.postgresReads)}/s; audited writes ≥ ${n0(TARGETS.postgresWrites)}/s and ≥ ${pct(TARGETS.writeShareOfRaw)} of the raw ceiling (core SQL). Non-2xx must be 0.`,
    '',
    'Run again: `npm run bench:api` (PostgreSQL at `BENCH_PG_ADMIN_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`; it drops and recreates the database `alianza_bench`). ' +
      'Knobs: `BENCH_ENGINES=postgres,pglite`, `BENCH_DURATION`, `BENCH_WARMUP`, `BENCH_CONNECTIONS`, `BENCH_NOTES`, `BENCH_API_ONLY=1`, ' +
      '`BENCH_CPU_PROF=<dir>` (server child under `--cpu-prof`; summarise with `node --import tsx bench/api/profile-summary.ts <file>`), `BENCH_WRITE_DOCS=0`.',
  ];
  return `${body.join('\n')}\n`;
}

/** Replaces (or appends) this section of docs/benchmarks.md. */
export const writeDocs = (text: string): void => writeDocsSection(SECTION, text, INTRO);
