import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { INTEL_ENTITY, INTEL_LINK } from '../intel/visibility.ts';
import { validateFilter } from './policy.ts';
import * as q from './queries.ts';
import { GRAPH_LIMITS, type GraphEdge, type GraphFilter, type GraphNode, type Neighbourhood, type NeighbourhoodQuery, type Paths, type PathsQuery } from './schemas.ts';
import { expand, shortestPaths, type Step } from './traversal.ts';

/** How many links a path search may read, both sides together, before it gives up. */
export const PATH_SEARCH_BUDGET = 50_000;
/** Audit entries of a large result are queued in slices, so each insert stays well within parameter limits. */
const AUDIT_SLICE = 1000;

/** The traversal step for one actor: visible links only, ends resolved to survivors of merges. */
function visibleStep(db: Executor, actor: Actor, filter: GraphFilter, always: readonly string[]): Step<q.LinkHop> {
  const run = async (nodes: readonly string[], limit: number, within: boolean) => {
    const near = (await q.membersOf(db, actor, nodes)).map((m) => m.member);
    const hops = await q.linksTouching(db, actor, { near, within, always, filter, limit });
    return { hops, complete: hops.length < limit };
  };
  return { touching: (nodes, limit) => run(nodes, limit, false), within: (nodes, limit) => run(nodes, limit, true) };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toEdge = (hop: q.LinkHop): GraphEdge => ({
  id: hop.id, type: hop.type, source: hop.source, target: hop.target, tlp: hop.tlp, ownerOrgId: hop.owner_org_id,
  validFrom: iso(hop.valid_from), validTo: iso(hop.valid_to),
});

async function loadNodes(db: Executor, actor: Actor, depth: ReadonlyMap<string, number>): Promise<GraphNode[]> {
  const rows = await q.nodeRows(db, actor, [...depth.keys()]);
  return rows
    .map((r) => ({
      id: r.id, type: r.type, label: r.label, tlp: r.tlp, ownerOrgId: r.owner_org_id, firstSeen: iso(r.first_seen),
      lastSeen: iso(r.last_seen), depth: depth.get(r.id)!, mergedIds: r.merged_ids,
    }))
    .sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1));
}

/** The start entities as the nodes they are drawn as; a missing and an invisible entity are the same 404. */
async function startNodes(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
  const resolved = await q.resolveVisibleEntities(db, actor, ids);
  if (ids.some((id) => !resolved.has(id))) throw notFound(INTEL_ENTITY);
  return resolved;
}

/** One audit entry per restricted entity and link returned (docs/access-control.md). */
async function auditGraphReads(ctx: AppContext, actor: Actor, nodes: GraphNode[], edges: GraphEdge[]): Promise<void> {
  const slices = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / AUDIT_SLICE) }, (_, i) => list.slice(i * AUDIT_SLICE, (i + 1) * AUDIT_SLICE));
  await Promise.all([
    ...slices(nodes).map((slice) => ctx.readAudit.recordReads(actor, INTEL_ENTITY, slice)),
    ...slices(edges).map((slice) => ctx.readAudit.recordReads(actor, INTEL_LINK, slice)),
  ]);
}

const filterOf = (input: { entityTypes?: GraphFilter['entityTypes'] | undefined; linkTypes?: GraphFilter['linkTypes'] | undefined; since?: string | undefined; until?: string | undefined }): GraphFilter => ({
  entityTypes: input.entityTypes ?? null,
  linkTypes: input.linkTypes ?? null,
  since: input.since ?? null,
  until: input.until ?? null,
});

/** The read runs in one snapshot, so a result never mixes states of a graph being edited. */
const snapshot = <T>(ctx: AppContext, work: (db: Executor) => Promise<T>) => ctx.db.transaction().setIsolationLevel('repeatable read').execute(work);

/** Entities and links within `depth` of the start entities, as far as the actor may see them. */
export async function neighbourhood(ctx: AppContext, actor: Actor, input: NeighbourhoodQuery): Promise<Neighbourhood> {
  const filter = filterOf(input);
  validateFilter(filter);
  const maxEdges = input.maxEdges ?? Math.min(4 * input.maxNodes, GRAPH_LIMITS.maxEdges);
  const result = await snapshot(ctx, async (db) => {
    const starts = [...new Set((await startNodes(db, actor, input.entityIds)).values())];
    const step = visibleStep(db, actor, filter, starts);
    const found = await expand(step, starts, { maxDepth: input.depth, maxNodes: input.maxNodes, maxEdges });
    return { nodes: await loadNodes(db, actor, found.depth), edges: [...found.edges.values()].map(toEdge), truncated: found.truncated };
  });
  await auditGraphReads(ctx, actor, result.nodes, result.edges);
  return result;
}

/** Shortest paths between two entities through entities and links the actor may see. */
export async function paths(ctx: AppContext, actor: Actor, input: PathsQuery): Promise<Paths> {
  const filter = filterOf(input);
  validateFilter(filter);
  const result = await snapshot(ctx, async (db) => {
    const ends = await startNodes(db, actor, [input.from, input.to]);
    const from = ends.get(input.from)!;
    const to = ends.get(input.to)!;
    const step = visibleStep(db, actor, filter, [from, to]);
    const found = await shortestPaths(step, from, to, { maxLength: input.maxLength, maxPaths: input.limit, budget: PATH_SEARCH_BUDGET });
    const depth = new Map<string, number>();
    for (const path of found.paths) path.nodes.forEach((node, i) => depth.set(node, Math.min(i, depth.get(node) ?? i)));
    const edges = new Map(found.paths.flatMap((p) => p.hops.map((h) => [h.id, toEdge(h)] as const)));
    return {
      length: found.length,
      paths: found.paths.map((p) => ({ nodeIds: p.nodes, edgeIds: p.hops.map((h) => h.id) })),
      nodes: await loadNodes(db, actor, depth),
      edges: [...edges.values()],
      truncated: found.truncated,
    };
  });
  await auditGraphReads(ctx, actor, result.nodes, result.edges);
  return result;
}
