import { describeMachine } from '../api/machine.ts';
import type { CorrelationResult } from './correlation.ts';
import type { GraphResult } from './graph.ts';
import { MAX_COUNT, POWER_LAW_ALPHA } from './plan.ts';
import type { StreamResult, StreamRun } from './stream.ts';
import type { Summary } from './timing.ts';
import { KIND_WEIGHTS } from './values.ts';

export const HEADING = '## Correlation, graph and live stream (npm run bench:intel)';

interface ReportInput {
  options: { occurrences: number; clients: number; seed: number; lookups: number; graphEntities: number; hubLinks: number; eventsPerSecond: number; streamSeconds: number; instances: number; parts: string[] };
  correlation: CorrelationResult | null;
  graph: GraphResult | null;
  stream: StreamResult | null;
  pgVersion: string;
  /** 10,000,000 occurrences, 1,000 clients, every part: otherwise the section says it is a reduced run. */
  fullScale: boolean;
  loadBefore: string;
  loadAfter: string;
}

const n = (v: number) => Math.round(v).toLocaleString('en');
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const mb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);
const row = (label: string, s: Summary, extra = '') => `| ${label} | ${n(s.n)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.mean)} | ${ms(s.max)} |${extra}`;
const seconds = (list: { seconds: number }[]) => list.reduce((s, x) => s + x.seconds, 0);

function correlationSection(c: CorrelationResult, o: ReportInput['options']): string[] {
  const kinds = Object.entries(KIND_WEIGHTS).map(([k, w]) => `${k} ${Math.round(w * 100)} %`).join(', ');
  const st = c.storage;
  const pairTable = st.pairs * st.sample.bytesPerPair;
  const pairCorrelated = st.pairsCorrelated * st.sample.bytesPerPair;
  const outcomes = Object.entries(c.outcomes).sort((a, b) => b[1].n - a[1].n);
  return [
    '### Correlation index',
    '',
    `**Data**: ${n(o.occurrences)} identifier occurrences (mulberry32 seed ${o.seed}) of ${n(c.distinct)} distinct values (${kinds} of the values: E.164 mobiles of AR, CO, MX, ES, BR, CL; plates of AR, CO, MX, BR, CL in their national formats; ES, PT, DE IBANs with valid check digits; e-mail addresses; Ethereum addresses), written as people write them (spaces, hyphens, capitals) and normalised by the application's \`indexEntity\`. How many entities hold a value follows a power law, P(count ≥ c) = c^−${POWER_LAW_ALPHA - 1} (Zipf-like, capped at ${n(MAX_COUNT)}): most values once, the most common one ${n(c.maxCount)} times; ${n(st.valuesTooCommon)} values (holding ${n(st.occurrencesTooCommon)} occurrences) exceed the too-common threshold of ${c.threshold}. They are held by ${n(c.entities.entities)} entities (1–8 identifiers each: phones, vehicles, bank and crypto accounts, persons) of 6 police organisations, with markings ${Object.entries(c.entities.byTlp).map(([t, k]) => `${t} ${n(k)}`).join(', ')}; ${n(c.entities.sharing)} AMBER entities shared with one of two task forces, ${n(c.entities.recipients)} RED ones naming a recipient. Rows as \`createEntity\` writes them (attributes through the type's schema, label from \`entityLabel\`, index rows from \`indexEntity\`), generated in ${c.generateSeconds.toFixed(1)} s and loaded with COPY. Check: ${c.checked} sampled entities were created again through \`createEntity\` after the measurements; every row it wrote (entity, index values, distribution) is identical to the generated ones.`,
    '',
    `**Index build** (intel_identifiers, ${n(c.entities.identifiers)} rows, loaded without its key and indexes, which are then built): ${seconds(c.indexBuild).toFixed(1)} s in all — ${c.indexBuild.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')}. Loading the entities themselves (not part of the index) took ${seconds(c.entityLoad).toFixed(1)} s: ${c.entityLoad.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')}.`,
    '',
    `**Lookups**: \`lookupIdentifier\` (the function behind GET /api/v1/correlation/lookup, in its transaction: normalisation, the too-common count, the occurrences with the searcher's visibility of each, hits written for organisations holding hidden records, audit entries and events) called ${n(c.lookup.n)} times, after 200 of warm-up, as an analyst of organisation 0 who wrote none of the records (task force 0 with three partners; not in task force 1). Values drawn like the occurrences (a random occurrence's value, so common values often) and 10 % values nobody holds. ${n(c.matchesShown)} visible matches shown and ${n(c.hitsGiven)} hits given in all. The reference is the same normalised value read by the primary key alone (\`select entity_id from intel_identifiers where kind = $1 and value = $2\`, no access control, same connection pool) right after each lookup. Target: p99 under 50 ms.`,
    '',
    '| ms | n | p50 | p95 | p99 | mean | max |',
    '|---|--:|--:|--:|--:|--:|--:|',
    row('**lookup as the analyst**', c.lookup),
    ...outcomes.map(([k, v]) => row(`… ${k}`, v.summary)),
    row('primary-key read of the same values', c.pkLookup),
    '',
    `Lookup against the primary-key read: ${(c.lookup.p50 / c.pkLookup.p50).toFixed(1)}× at p50, ${(c.lookup.p99 / c.pkLookup.p99).toFixed(1)}× at p99.`,
    '',
    `**Storage**: intel_identifiers takes ${mb(st.totalBytes)} (heap ${mb(st.heapBytes)}, primary key and entity index ${mb(st.indexBytes)}), ${(st.totalBytes / c.entities.identifiers).toFixed(0)} bytes per occurrence. A pair table on the same data needs one row per pair of entities sharing a value, Σ c(c−1)/2 over the actual counts: ${n(st.pairs)} pairs (${n(st.pairsCorrelated)} without the too-common values, which a pair table would have to leave out too). Sized on a real sample — ${n(st.sample.pairs)} pairs of ${n(st.sample.values)} random values held 2–${c.threshold} times, as (entity_a uuid, entity_b uuid, tlp_a, tlp_b) with indexes on (entity_a, entity_b) and (entity_b), ${mb(st.sample.bytes)}, ${st.sample.bytesPerPair.toFixed(0)} bytes per pair — it would take **${mb(pairTable)}** (${(pairTable / st.totalBytes).toFixed(1)}× the occurrence index), or ${mb(pairCorrelated)} (${(pairCorrelated / st.totalBytes).toFixed(1)}×) without the too-common values; one direction only (MISP keeps both), and it would still need the value index to find the pairs of a new value.`,
  ];
}

function graphSection(g: GraphResult, o: ReportInput['options']): string[] {
  return [
    '### Graph expansion',
    '',
    `**Data**: ${n(g.entities)} persons and a criminal group (the hub, GREEN) with ${n(g.hubLinks)} member links, ${n(g.links)} links in all (person links ending preferentially at low-numbered persons, so some persons are hubs too), same markings as above, generated in set-based SQL in ${g.loadSeconds.toFixed(1)} s; the analyst sees ${n(g.visibleEntities)} of the persons. \`neighbourhood\` (GET /api/v1/graph/neighbourhood: breadth-first steps of visible links in one repeatable-read snapshot, merged duplicates resolved, best-connected nodes kept when a level overflows, audit entries for restricted nodes and links) at depth 3 from the hub, ${g.runs[0]?.summary.n ?? 0} calls after 3 of warm-up for each node limit. The reference is one recursive CTE over intel_links from the hub to depth 3 with the same visibility condition (\`visibleLinks\`), with no node limit, merges or audit, and the same CTE without access control.`,
    '',
    '| depth 3 from the hub | nodes | edges | truncated | n | p50 ms | p95 | p99 | mean | max |',
    '|---|--:|--:|---|--:|--:|--:|--:|--:|--:|',
    ...g.runs.map((r) => `| neighbourhood, maxNodes ${r.maxNodes} | ${n(r.nodes)} | ${n(r.edges)} | ${r.truncated ? 'yes' : 'no'} | ${r.summary.n} | ${ms(r.summary.p50)} | ${ms(r.summary.p95)} | ${ms(r.summary.p99)} | ${ms(r.summary.mean)} | ${ms(r.summary.max)} |`),
    `| recursive CTE, same visibility | ${n(g.cte.nodes)} | – | no limit | ${g.cte.summary.n} | ${ms(g.cte.summary.p50)} | ${ms(g.cte.summary.p95)} | ${ms(g.cte.summary.p99)} | ${ms(g.cte.summary.mean)} | ${ms(g.cte.summary.max)} |`,
    `| recursive CTE, no access control | ${n(g.rawCte.nodes)} | – | no limit | ${g.rawCte.summary.n} | ${ms(g.rawCte.summary.p50)} | ${ms(g.rawCte.summary.p95)} | ${ms(g.rawCte.summary.p99)} | ${ms(g.rawCte.summary.mean)} | ${ms(g.rawCte.summary.max)} |`,
    '',
    `Service (maxNodes 5000) against the CTE with the same visibility: ${(g.runs.at(-1)!.summary.p50 / g.cte.summary.p50).toFixed(2)}× at p50 (the CTE returns only the set of reachable nodes, the service nodes with their data and every link among them, and writes the read audit).${untruncatedCheck(g)}`,
  ];
}

function untruncatedCheck(g: GraphResult): string {
  const full = g.runs.find((r) => !r.truncated);
  if (!full) return '';
  return full.nodes === g.cte.nodes
    ? ` Untruncated, the service reaches exactly as many nodes as the CTE with the same visibility (${n(full.nodes)}).`
    : ` **Untruncated, the service reaches ${n(full.nodes)} nodes and the CTE with the same visibility ${n(g.cte.nodes)}.**`;
}

const streamRow = (label: string, r: StreamRun) =>
  `| ${label} | ${n(r.clients)} on ${r.instances} | ${n(r.committed)} | ${ms(r.fromCommit.p50)} | ${ms(r.fromCommit.p95)} | ${ms(r.fromCommit.p99)} | ${ms(r.fromCommit.max)} | ${ms(r.fromRequest.p99)} | ${ms(r.write.p50)} / ${ms(r.write.p99)} | ${n(r.delivered)} / ${n(r.expected)} | ${n(r.lost)} / ${n(r.duplicates)} / ${n(r.unexpected)} | ${r.clientsComplete} | ${r.serverCpuSeconds.map((s) => s.toFixed(1)).join(' + ')} |`;

function streamSection(s: StreamResult, o: ReportInput['options']): string[] {
  return [
    '### Live operations stream',
    '',
    `**What**: ${o.instances} server processes (\`alianza serve\`, NODE_ENV=production) on the same database; ${n(o.clients)} connections to GET /api/v1/operations/stream (Server-Sent Events) with API tokens of ${s.many.personas} analysts of the four organisations of task force 0, spread over the instances; an analyst of organisation 0 issues bulletins through POST /api/v1/bulletins of the first instance at ${o.eventsPerSecond}/s for ${o.streamSeconds} s, four in five AMBER for the task force (every client may know of them) and one in five AMBER+STRICT (only organisation 0's clients may). Latency is from the write's API response (the commit acknowledged) to the event's arrival at each client, measured in the load generator (one Node process for all clients); the single-client run (one instance, ${Math.min(o.streamSeconds, 10)} s) is the reference; both follow a 3-second warm-up of the fresh server processes. Target: p99 under 200 ms with 1,000 clients. File limit (ulimit -n) ${s.fileLimit}.`,
    '',
    '| run | clients on instances | bulletins | p50 ms | p95 | p99 | max | p99 from request | write p50 / p99 | delivered / expected | lost / duplicated / not allowed | clients with all | server CPU s |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    streamRow('single client', s.single),
    streamRow(`**${n(s.many.clients)} clients**`, s.many),
    '',
    `${n(s.many.clients)} clients against one: ${(s.many.fromCommit.p50 / s.single.fromCommit.p50).toFixed(1)}× at p50, ${(s.many.fromCommit.p99 / s.single.fromCommit.p99).toFixed(1)}× at p99.`,
  ];
}

function scale({ options: o, correlation, graph, stream }: ReportInput): string {
  return [
    correlation ? `${n(o.occurrences)} identifier occurrences` : null,
    graph ? `${n(o.graphEntities)} graph entities, hub of ${n(o.hubLinks)} links` : null,
    stream ? `${n(o.clients)} stream clients` : null,
  ].filter(Boolean).join(', ');
}

export function report(input: ReportInput): string {
  const m = describeMachine(input.pgVersion);
  const o = input.options;
  return [
    HEADING,
    '',
    `Run on ${m.date} (code at ${m.revision}): ${m.cpus} vCPU (${m.cpuModel}), ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, PostgreSQL ${m.postgres} (local, stock configuration). The machine is shared: 1-minute load average ${input.loadBefore} before, ${input.loadAfter} after. Scale: ${scale(input)}.`,
    '',
    ...(input.fullScale ? [] : ['> **Reduced run** (not the scale of issue 6: 10,000,000 occurrences, 1,000 clients, every part), on a machine shared with other work: it shows that every part runs and what it measures, not what the platform achieves. Run `npm run bench:intel` on an idle machine for the numbers.', '']),
    ...(input.correlation ? [...correlationSection(input.correlation, o), ''] : []),
    ...(input.graph ? [...graphSection(input.graph, o), ''] : []),
    ...(input.stream ? [...streamSection(input.stream, o), ''] : []),
    `Run again: \`npm run bench:intel\` (PostgreSQL at \`BENCH_PG_ADMIN_URL\`, default \`postgres://postgres@127.0.0.1:5432/postgres\`, on the same machine: COPY reads the generated files server-side; it drops and recreates the database \`alianza_bench_intel\`). Knobs: \`BENCH_PARTS=correlation,graph,stream\`, \`BENCH_OCCURRENCES\` (10,000,000), \`BENCH_CLIENTS\` (1000), \`BENCH_SEED\`, \`BENCH_LOOKUPS\` (2000), \`BENCH_GRAPH_ENTITIES\` (100,000), \`BENCH_HUB_LINKS\` (3000), \`BENCH_EVENTS_PER_SECOND\` (20), \`BENCH_STREAM_SECONDS\` (30), \`BENCH_INSTANCES\` (2), \`BENCH_KEEP_DB=1\` (keep the database afterwards, to study plans), \`BENCH_WRITE_DOCS=0\` (the section is only rewritten by full-scale runs of every part; \`force\` writes it anyway).`,
  ].join('\n');
}
