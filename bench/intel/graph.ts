import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Actor } from '../../server/src/platform/auth/actor.ts';
import type { AppContext } from '../../server/src/platform/http/context.ts';
import { NeighbourhoodQuery } from '../../server/src/modules/graph/schemas.ts';
import { neighbourhood } from '../../server/src/modules/graph/service.ts';
import { INTEL_ENTITY, INTEL_LINK, visibleEntity, visibleLinks } from '../../server/src/modules/intel/visibility.ts';
import { summarise, timed, type Summary } from './timing.ts';
import type { World } from './world.ts';

export interface GraphOptions {
  entities: number;
  hubLinks: number;
  seed: number;
  repeats: number;
}

export interface GraphRun {
  maxNodes: number;
  nodes: number;
  edges: number;
  truncated: boolean;
  summary: Summary;
}

export interface GraphResult {
  entities: number;
  links: number;
  hubLinks: number;
  visibleEntities: number;
  loadSeconds: number;
  runs: GraphRun[];
  cte: { nodes: number; summary: Summary };
  rawCte: { nodes: number; summary: Summary };
}

/**
 * A person network in set-based SQL, reproducible from the seed (ids and choices are hashes of
 * the row number): a criminal group (the hub) linked to `hubLinks` members, and links between
 * persons whose targets favour low numbers, so some persons are hubs of their own. Markings
 * as in the correlation data, AMBER records half shared with the owner's task force.
 */
async function generate(ctx: AppContext, world: World, options: GraphOptions): Promise<{ hub: string; links: number }> {
  const orgIds = world.orgs.map((o) => o.id);
  const authors = world.analysts.map((a) => a.userId);
  const groupOf = world.orgs.map((_, i) => world.groups.find((g) => g.orgIndexes.includes(i))?.id ?? null);
  const s = `bench-graph-${options.seed}`;
  const h = (what: string, n: string) => sql`abs(hashtext(${s} || ${what} || ${sql.raw(n)}))`;
  // A v4 uuid from the md5 of the row number (version and variant bits set, as the API checks them).
  const id = (n: string) => sql`(select (substr(m, 1, 12) || '4' || substr(m, 14, 3) || '8' || substr(m, 18))::uuid from md5(${s} || ':' || ${sql.raw(n)}) m)`;
  const tlp = (n: string) => sql`(case when ${h('tlp', n)} % 100 < 40 then 'GREEN' when ${h('tlp', n)} % 100 < 80 then 'AMBER'
      when ${h('tlp', n)} % 100 < 90 then 'AMBER+STRICT' else 'RED' end)::tlp`;
  const N = options.entities;
  await sql`insert into intel_entities (id, owner_org_id, created_by, tlp, type, label, attributes)
    select ${id('0')}, ${orgIds[0]}::uuid, ${authors[0]}::uuid, 'GREEN', 'criminal_group', 'Banda del Puerto',
      jsonb_build_object('name', 'Banda del Puerto', 'aliases', '[]'::jsonb, 'activities', '[]'::jsonb, 'area', null, 'description', '')
    union all
    select ${id('g')}, (${orgIds}::uuid[])[1 + ${h('org', 'g')} % ${orgIds.length}], (${authors}::uuid[])[1 + ${h('org', 'g')} % ${orgIds.length}], ${tlp('g')},
      'person', 'Persona ' || g, jsonb_build_object('fullName', 'Persona ' || g, 'aliases', '[]'::jsonb, 'dateOfBirth', null, 'placeOfBirth', null,
      'nationalities', '[]'::jsonb, 'gender', 'unknown', 'description', '')
    from generate_series(1, ${N}) g`.execute(ctx.db);
  const personLinks = Math.round(N * 1.5);
  // Link j: hub links first (source 0), then persons; a target drawn as N·u² favours the first persons.
  await sql`insert into intel_links (id, owner_org_id, created_by, tlp, type, source_id, target_id)
    select ${id("'l' || j")}, e.owner_org_id, e.created_by, case when ${h('ltlp', 'j')} % 2 = 0 then 'GREEN'::tlp else 'AMBER'::tlp end,
      case when j <= ${options.hubLinks} then 'member_of' else 'associate_of' end, e.id, t.id
    from generate_series(1, ${options.hubLinks + personLinks}) j
    cross join lateral (select case when j <= ${options.hubLinks} then 0 else 1 + ${h('src', 'j')} % ${N} end as src) a
    cross join lateral (select 1 + floor(${N} * power(${h('dst', 'j')}::float8 / 2147483648, 2))::int as dst0) b
    cross join lateral (select case when dst0 = src then dst0 % ${N} + 1 else dst0 end as dst) c
    join intel_entities e on e.id = ${id('a.src')}
    join intel_entities t on t.id = ${id('c.dst')}`.execute(ctx.db);
  for (const [type, table] of [[INTEL_ENTITY, 'intel_entities'], [INTEL_LINK, 'intel_links']] as const) {
    await sql`insert into record_sharing_groups (record_type, record_id, group_id)
      select ${type}, r.id, (${groupOf}::uuid[])[array_position(${orgIds}::uuid[], r.owner_org_id)]
      from ${sql.table(table)} r
      where r.tlp = 'AMBER' and abs(hashtext(r.id::text)) % 2 = 0 and (${groupOf}::uuid[])[array_position(${orgIds}::uuid[], r.owner_org_id)] is not null
        and ${type === INTEL_ENTITY ? sql`r.label like 'Persona %'` : sql`true`}`.execute(ctx.db);
  }
  await sql`analyze intel_entities`.execute(ctx.db);
  await sql`analyze intel_links`.execute(ctx.db);
  await sql`analyze record_sharing_groups`.execute(ctx.db);
  return { hub: (await sql<{ id: string }>`select ${id('0')} as id`.execute(ctx.db)).rows[0]!.id, links: options.hubLinks + personLinks };
}

/** Nodes within 3 visible links of the hub in one recursive CTE: no node limit, no merges, no audit. */
const cteReach = (ctx: AppContext, hub: string, visible: ReturnType<typeof visibleLinks> | null) => sql<{ nodes: number }>`
  with recursive reach(node, depth) as (
    select ${hub}::uuid, 0
    union
    select case when l.source_id = r.node then l.target_id else l.source_id end, r.depth + 1
    from reach r join intel_links l on l.source_id = r.node or l.target_id = r.node
    where r.depth < 3 and ${visible ?? sql`true`})
  select count(distinct node)::int as nodes from reach`.execute(ctx.db);

export async function runGraph(ctx: AppContext, world: World, searcher: Actor, options: GraphOptions, log: (line: string) => void): Promise<GraphResult> {
  const started = performance.now();
  const { hub, links } = await generate(ctx, world, options);
  const loadSeconds = (performance.now() - started) / 1000;
  const visibleEntities = Number((await sql<{ n: number }>`select count(*)::int as n from intel_entities e where e.label like 'Persona %' and ${visibleEntity(searcher, 'e')}`.execute(ctx.db)).rows[0]!.n);
  log(`graph: ${options.entities.toLocaleString('en')} entities, ${links.toLocaleString('en')} links in ${loadSeconds.toFixed(1)} s (${visibleEntities.toLocaleString('en')} persons visible to the searcher)`);
  const runs: GraphRun[] = [];
  for (const maxNodes of [500, 5000]) {
    const input = NeighbourhoodQuery.parse({ entityIds: hub, depth: '3', maxNodes: String(maxNodes) });
    for (let i = 0; i < 3; i++) await neighbourhood(ctx, searcher, input);
    const times: number[] = [];
    let last = await neighbourhood(ctx, searcher, input);
    for (let i = 0; i < options.repeats; i++) {
      const { ms, value } = await timed(() => neighbourhood(ctx, searcher, input));
      times.push(ms);
      last = value;
    }
    runs.push({ maxNodes, nodes: last.nodes.length, edges: last.edges.length, truncated: last.truncated, summary: summarise(times) });
    log(`graph: depth 3, maxNodes ${maxNodes}: ${last.nodes.length} nodes, ${last.edges.length} edges${last.truncated ? ' (truncated)' : ''}, p50 ${summarise(times).p50.toFixed(1)} ms`);
  }
  const reference = async (visible: ReturnType<typeof visibleLinks> | null) => {
    await cteReach(ctx, hub, visible);
    const times: number[] = [];
    let nodes = 0;
    for (let i = 0; i < Math.max(5, Math.floor(options.repeats / 3)); i++) {
      const { ms, value } = await timed(() => cteReach(ctx, hub, visible));
      times.push(ms);
      nodes = value.rows[0]!.nodes;
    }
    return { nodes, summary: summarise(times) };
  };
  const cte = await reference(visibleLinks(searcher, 'l'));
  const rawCte = await reference(null);
  log(`graph: recursive CTE with the same visibility ${cte.nodes} nodes, p50 ${cte.summary.p50.toFixed(1)} ms; without ${rawCte.nodes} nodes, p50 ${rawCte.summary.p50.toFixed(1)} ms`);
  return { entities: options.entities, links, hubLinks: options.hubLinks, visibleEntities, loadSeconds, runs, cte, rawCte };
}
