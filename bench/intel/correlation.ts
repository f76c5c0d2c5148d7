import { chmodSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { Actor } from '../../server/src/platform/auth/actor.ts';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { lookupIdentifier } from '../../server/src/modules/correlation/lookup.ts';
import { LookupQuery } from '../../server/src/modules/correlation/schemas.ts';
import { prng } from '../common/prng.ts';
import { checkAgainstApplication } from './same-as-app.ts';
import { ENTITY_COLUMNS, writeEntityFiles, type EntityCounts } from './entities.ts';
import { identifierOf, missingIdentifier, planOccurrences, type OccurrencePlan } from './plan.ts';
import { BENCH_KINDS, type RawIdentifier } from './values.ts';
import { summarise, timed, type Summary } from './timing.ts';
import type { World } from './world.ts';

export interface CorrelationOptions {
  occurrences: number;
  seed: number;
  lookups: number;
  warmup: number;
  missShare: number;
}

export interface CorrelationResult {
  /** Sampled entities created again through createEntity, with identical rows. */
  checked: number;
  distinct: number;
  maxCount: number;
  entities: EntityCounts;
  generateSeconds: number;
  entityLoad: { step: string; seconds: number }[];
  indexBuild: { step: string; seconds: number }[];
  lookup: Summary;
  pkLookup: Summary;
  outcomes: Record<string, { n: number; summary: Summary }>;
  matchesShown: number;
  hitsGiven: number;
  threshold: number;
  storage: {
    heapBytes: number; indexBytes: number; totalBytes: number;
    pairs: number; pairsCorrelated: number; valuesTooCommon: number; occurrencesTooCommon: number;
    sample: { pairs: number; values: number; bytes: number; bytesPerPair: number };
  };
}

/** Indexes and constraints of `table` (but not its primary key when `keepPrimaryKey`), to drop before a bulk load and re-create after. */
async function ddlOf(client: pg.Client, table: string, keepPrimaryKey: boolean) {
  const constraints = (await client.query(`select conname, contype, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'f') ${keepPrimaryKey ? "and contype <> 'p'" : ''}
      order by contype desc`, [table])).rows as { conname: string; contype: string; def: string }[];
  const indexes = (await client.query(`select i.indexname, i.indexdef from pg_indexes i
      where i.tablename = $1 and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.conrelid = $1::regclass)`, [table])).rows as { indexname: string; indexdef: string }[];
  return { constraints, indexes };
}

async function copyFrom(client: pg.Client, table: string, columns: string, file: string): Promise<number> {
  const result = await client.query(`copy ${table} (${columns}) from '${file}'`);
  return result.rowCount ?? 0;
}

/** Rows as createEntity writes them, loaded with COPY; the index tables with their keys and indexes built afterwards, step by step. */
async function load(client: pg.Client, files: Record<'entities' | 'identifiers' | 'sharing' | 'recipients', string>) {
  const step = async (list: { step: string; seconds: number }[], name: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    list.push({ step: name, seconds: (performance.now() - started) / 1000 });
  };
  const entityLoad: { step: string; seconds: number }[] = [];
  const entityDdl = await ddlOf(client, 'intel_entities', true);
  const ownFks = entityDdl.constraints; // intel_entities' own foreign keys (owner, author, copy_of)
  for (const c of ownFks) await client.query(`alter table intel_entities drop constraint ${c.conname}`);
  for (const i of entityDdl.indexes) await client.query(`drop index ${i.indexname}`);
  await step(entityLoad, 'COPY intel_entities (primary key kept)', () => copyFrom(client, 'intel_entities', ENTITY_COLUMNS, files.entities));
  await step(entityLoad, `its ${entityDdl.indexes.length} secondary indexes (trigram label index included) and foreign keys`, async () => {
    for (const i of entityDdl.indexes) await client.query(i.indexdef);
    for (const c of ownFks) await client.query(`alter table intel_entities add constraint ${c.conname} ${c.def}`);
  });
  await step(entityLoad, 'COPY record_sharing_groups, record_recipients', async () => {
    await copyFrom(client, 'record_sharing_groups', 'record_type, record_id, group_id', files.sharing);
    await copyFrom(client, 'record_recipients', 'record_type, record_id, user_id', files.recipients);
  });

  const indexBuild: { step: string; seconds: number }[] = [];
  const ddl = await ddlOf(client, 'intel_identifiers', false);
  for (const c of ddl.constraints) await client.query(`alter table intel_identifiers drop constraint ${c.conname}`);
  for (const i of ddl.indexes) await client.query(`drop index ${i.indexname}`);
  await step(indexBuild, 'COPY intel_identifiers (no index)', () => copyFrom(client, 'intel_identifiers', 'kind, value, entity_id', files.identifiers));
  for (const c of ddl.constraints) {
    const what = c.contype === 'p' ? `primary key ${c.def.replace('PRIMARY KEY ', '')}` : `foreign key check ${c.def.replace(/ REFERENCES.*/, '').replace('FOREIGN KEY ', '')}`;
    await step(indexBuild, what, () => client.query(`alter table intel_identifiers add constraint ${c.conname} ${c.def}`));
    if (c.contype === 'p') for (const i of ddl.indexes) await step(indexBuild, i.indexdef.replace(/^.* USING btree /, 'index '), () => client.query(i.indexdef));
  }
  // VACUUM too, as autovacuum would soon after a bulk insert: it sets the visibility map, which
  // lets the lookups read intel_identifiers_pkey by index-only scans.
  await step(indexBuild, 'VACUUM ANALYZE', () => client.query('vacuum analyze intel_identifiers, intel_entities, record_sharing_groups, record_recipients'));
  return { entityLoad, indexBuild };
}

type Outcome = 'miss' | 'matches only' | 'hits' | 'too common';

/** The searcher's lookups, by the application's own function; values drawn like the occurrences (common values often), plus misses. */
async function lookups(ctx: AppContext, searcher: Actor, plan: OccurrencePlan, options: CorrelationOptions) {
  const random = prng(options.seed ^ 0x1006);
  let misses = 0;
  const draw = (): RawIdentifier => (random() < options.missShare ? missingIdentifier(plan, Math.floor(random() * BENCH_KINDS.length), misses++) : identifierOf(plan, plan.order[Math.floor(random() * plan.total)]!));
  const query = (id: RawIdentifier) => LookupQuery.parse({ kind: id.kind, value: id.raw, ...(id.country ? { country: id.country } : {}) });
  for (let i = 0; i < options.warmup; i++) await lookupIdentifier(ctx, searcher, query(draw()));
  const times: number[] = [];
  const pkTimes: number[] = [];
  const byOutcome = new Map<Outcome, number[]>();
  let matchesShown = 0;
  let hitsGiven = 0;
  for (let i = 0; i < options.lookups; i++) {
    const { ms, value: result } = await timed(() => lookupIdentifier(ctx, searcher, query(draw())));
    times.push(ms);
    const outcome: Outcome = result.tooCommon ? 'too common' : result.hits.length > 0 ? 'hits' : result.matches.length > 0 ? 'matches only' : 'miss';
    byOutcome.set(outcome, byOutcome.get(outcome) ?? []);
    byOutcome.get(outcome)!.push(ms);
    matchesShown += result.matches.length;
    hitsGiven += result.hits.length;
    // The reference: the same normalised value by the primary key alone, no access control.
    pkTimes.push((await timed(() => sql`select entity_id from intel_identifiers where kind = ${result.kind} and value = ${result.value}`.execute(ctx.db))).ms);
  }
  const outcomes = Object.fromEntries([...byOutcome].map(([k, v]) => [k, { n: v.length, summary: summarise(v) }]));
  return { lookup: summarise(times), pkLookup: summarise(pkTimes), outcomes, matchesShown, hitsGiven };
}

/** The one-row-per-occurrence index against a pair table on the same data: counted exactly, sized on a real sample. */
async function storage(client: pg.Client, threshold: number) {
  const sizes = (await client.query(`select pg_relation_size('intel_identifiers')::float8 as heap, pg_indexes_size('intel_identifiers')::float8 as idx,
      pg_total_relation_size('intel_identifiers')::float8 as total`)).rows[0];
  await client.query(`create temp table bench_value_counts as select kind, value, count(*)::bigint as c from intel_identifiers group by kind, value`);
  const c = (await client.query(`select sum(c * (c - 1) / 2)::float8 as pairs, coalesce(sum(c * (c - 1) / 2) filter (where c <= $1), 0)::float8 as correlated,
      count(*) filter (where c > $1)::float8 as common_values, coalesce(sum(c) filter (where c > $1), 0)::float8 as common_occurrences,
      count(*) filter (where c between 2 and $1)::float8 as shared_values, max(c)::float8 as max_count, count(*)::float8 as values
      from bench_value_counts`, [threshold])).rows[0];
  // A pair table as MISP keeps one: both records and the markings its access checks read, indexed from either side.
  const perValue = c.shared_values > 0 ? c.correlated / c.shared_values : 1;
  const sampleValues = Math.max(1, Math.min(c.shared_values, Math.ceil(1_000_000 / perValue)));
  await client.query(`create table bench_pairs (entity_a uuid not null, entity_b uuid not null, tlp_a tlp not null, tlp_b tlp not null)`);
  await client.query(`insert into bench_pairs
      select a.entity_id, b.entity_id, ea.tlp, eb.tlp
      from (select kind, value from bench_value_counts where c between 2 and $1 order by md5(kind || value) limit $2) v
      join intel_identifiers a on a.kind = v.kind and a.value = v.value
      join intel_identifiers b on b.kind = v.kind and b.value = v.value and a.entity_id < b.entity_id
      join intel_entities ea on ea.id = a.entity_id join intel_entities eb on eb.id = b.entity_id`, [threshold, sampleValues]);
  await client.query('create index on bench_pairs (entity_a, entity_b)');
  await client.query('create index on bench_pairs (entity_b)');
  const s = (await client.query(`select count(*)::float8 as n, pg_total_relation_size('bench_pairs')::float8 as bytes from bench_pairs`)).rows[0];
  await client.query('drop table bench_pairs');
  await client.query('drop table bench_value_counts');
  return {
    storage: {
      heapBytes: sizes.heap, indexBytes: sizes.idx, totalBytes: sizes.total, pairs: c.pairs, pairsCorrelated: c.correlated,
      valuesTooCommon: c.common_values, occurrencesTooCommon: c.common_occurrences,
      sample: { pairs: s.n, values: sampleValues, bytes: s.bytes, bytesPerPair: s.n > 0 ? s.bytes / s.n : 0 },
    },
    maxCount: c.max_count,
  };
}

export async function runCorrelation(ctx: AppContext, url: string, world: World, searcher: Actor & { userId: string }, dir: string, options: CorrelationOptions, log: (line: string) => void): Promise<CorrelationResult> {
  chmodSync(dir, 0o755); // COPY reads the files as the database server's user
  const files = { entities: path.join(dir, 'entities.tsv'), identifiers: path.join(dir, 'identifiers.tsv'), sharing: path.join(dir, 'sharing.tsv'), recipients: path.join(dir, 'recipients.tsv') };
  let started = performance.now();
  const plan = planOccurrences(options.occurrences, options.seed);
  log(`correlation: ${plan.distinct.toLocaleString('en')} distinct values for ${plan.total.toLocaleString('en')} occurrences; writing entities`);
  const entities = await writeEntityFiles(plan, world, searcher.userId, options.seed, files);
  const generateSeconds = (performance.now() - started) / 1000;
  log(`correlation: ${entities.entities.toLocaleString('en')} entities written in ${generateSeconds.toFixed(1)} s; loading`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('checkpoint');
    const { entityLoad, indexBuild } = await load(client, files);
    log(`correlation: index built in ${indexBuild.reduce((s, x) => s + x.seconds, 0).toFixed(1)} s; ${options.lookups} lookups`);
    started = performance.now();
    const measured = await lookups(ctx, searcher, plan, options);
    log(`correlation: lookups p50 ${measured.lookup.p50.toFixed(2)} ms, p99 ${measured.lookup.p99.toFixed(2)} ms; storage`);
    const { storage: st, maxCount } = await storage(client, ctx.config.correlationCommonThreshold);
    const checked = await checkAgainstApplication(ctx, world, entities.samples);
    log(`correlation: ${checked} sampled entities written again by createEntity: identical rows`);
    return { checked, distinct: plan.distinct, maxCount, entities, generateSeconds, entityLoad, indexBuild, ...measured, threshold: ctx.config.correlationCommonThreshold, storage: st };
  } finally {
    await client.end();
  }
}
