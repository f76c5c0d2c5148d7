/**
 * Breadth-first traversal over a graph that is only known through a `Step`: the links touching
 * a set of nodes, as the database returns them for one actor. Nothing here knows about access
 * control; it can only walk where the step leads, and the step only leads through what the
 * actor may see. Kept free of I/O so the algorithms are tested on plain graphs.
 */

export interface Hop {
  id: string;
  source: string;
  target: string;
}

export interface StepResult<H extends Hop> {
  hops: H[];
  /** False when the step stopped at its limit: more links touch these nodes. */
  complete: boolean;
}

export interface Step<H extends Hop> {
  /** Links with an end among `nodes`, at most `limit`. */
  touching(nodes: readonly string[], limit: number): Promise<StepResult<H>>;
  /** Links with both ends among `nodes`, at most `limit`. */
  within(nodes: readonly string[], limit: number): Promise<StepResult<H>>;
}

export interface Expansion<H extends Hop> {
  depth: Map<string, number>;
  edges: Map<string, H>;
  truncated: boolean;
}

/** The node at the other end of `hop` from `node`. */
const across = (hop: Hop, node: string) => (hop.source === node ? hop.target : hop.source);
/** Links between two distinct nodes (a link between duplicates merged into one node is not drawn). */
const drawn = <H extends Hop>(hops: H[]) => hops.filter((h) => h.source !== h.target);

/**
 * Nodes within `maxDepth` links of `starts`, and every link among them. When more nodes are
 * reachable than `maxNodes`, the level that overflows keeps its best-connected nodes (then by
 * id, so the answer is stable) and the traversal stops there, `truncated`.
 */
export async function expand<H extends Hop>(
  step: Step<H>,
  starts: readonly string[],
  limits: { maxDepth: number; maxNodes: number; maxEdges: number },
): Promise<Expansion<H>> {
  const depth = new Map<string, number>(starts.map((s) => [s, 0]));
  const edges = new Map<string, H>();
  let truncated = false;
  const addEdge = (hop: H) => {
    if (edges.has(hop.id)) return;
    if (edges.size >= limits.maxEdges) truncated = true;
    else edges.set(hop.id, hop);
  };

  /** Links already drawn that a step from `nodes` returns again, so its limit allows for them. */
  const known = (nodes: readonly string[], both: boolean) => {
    const set = new Set(nodes);
    let count = 0;
    for (const e of edges.values()) if (both ? set.has(e.source) && set.has(e.target) : set.has(e.source) || set.has(e.target)) count += 1;
    return count;
  };
  // A step may return the links already drawn plus as many new ones as may still be drawn;
  // one more than that means some would be left out, which is truncation in any case.
  const stepLimit = (nodes: readonly string[], both: boolean) => known(nodes, both) + limits.maxEdges - edges.size + 1;

  let frontier = [...depth.keys()];
  let level = 0;
  while (frontier.length > 0 && level < limits.maxDepth && !truncated) {
    const room = limits.maxNodes - depth.size;
    const result = await step.touching(frontier, stepLimit(frontier, false));
    const hops = drawn(result.hops);
    if (!result.complete) truncated = true;
    const links = new Map<string, number>();
    for (const hop of hops) {
      const far = [hop.source, hop.target].find((n) => !depth.has(n));
      if (far) links.set(far, (links.get(far) ?? 0) + 1);
    }
    const candidates = [...links.keys()].sort((a, b) => links.get(b)! - links.get(a)! || (a < b ? -1 : 1));
    if (candidates.length > room) truncated = true;
    const admitted = candidates.slice(0, Math.max(room, 0));
    level += 1;
    for (const node of admitted) depth.set(node, level);
    for (const hop of hops) if (depth.has(hop.source) && depth.has(hop.target)) addEdge(hop);
    frontier = admitted;
  }
  // Links among the nodes of the last level reached (no step started from them).
  if (frontier.length > 1 && level > 0) {
    const result = await step.within(frontier, stepLimit(frontier, true));
    if (!result.complete) truncated = true;
    for (const hop of drawn(result.hops)) addEdge(hop);
  }
  return { depth, edges, truncated };
}

export interface PathSearch<H extends Hop> {
  length: number | null;
  /** Each path as its nodes and the links between them. */
  paths: { nodes: string[]; hops: H[] }[];
  truncated: boolean;
}

interface Side<H extends Hop> {
  /** Distance from this side's end, and the links it was reached over at that distance. */
  reached: Map<string, { distance: number; via: { from: string; hop: H }[] }>;
  frontier: string[];
  distance: number;
}

/**
 * Shortest paths between `from` and `to` of at most `maxLength` links, by bidirectional
 * breadth-first search (the smaller frontier grows first). At most `maxPaths` paths, all of
 * the same, shortest length. `budget` bounds how many links the search may read in all; a
 * search that runs out of it before finding a path is `truncated`, never a false "no path".
 */
export async function shortestPaths<H extends Hop>(
  step: Step<H>,
  from: string,
  to: string,
  limits: { maxLength: number; maxPaths: number; budget: number },
): Promise<PathSearch<H>> {
  if (from === to) return { length: 0, paths: [{ nodes: [from], hops: [] }], truncated: false };
  const forward: Side<H> = { reached: new Map([[from, { distance: 0, via: [] }]]), frontier: [from], distance: 0 };
  const backward: Side<H> = { reached: new Map([[to, { distance: 0, via: [] }]]), frontier: [to], distance: 0 };
  let read = 0;

  while (forward.distance + backward.distance < limits.maxLength) {
    const side = forward.frontier.length <= backward.frontier.length ? forward : backward;
    const other = side === forward ? backward : forward;
    const result = await step.touching(side.frontier, limits.budget - read + 1);
    read += result.hops.length;
    const inFrontier = new Set(side.frontier);
    const next: string[] = [];
    side.distance += 1;
    for (const hop of drawn(result.hops)) {
      for (const [near, far] of [[hop.source, hop.target], [hop.target, hop.source]] as const) {
        if (!inFrontier.has(near)) continue;
        const seen = side.reached.get(far);
        if (!seen) {
          side.reached.set(far, { distance: side.distance, via: [{ from: near, hop }] });
          next.push(far);
        } else if (seen.distance === side.distance) {
          seen.via.push({ from: near, hop });
        }
      }
    }
    side.frontier = next;
    const meeting = next.filter((n) => other.reached.has(n)).sort();
    if (meeting.length > 0) {
      return { length: forward.distance + backward.distance, paths: joinPaths(forward, backward, meeting, limits.maxPaths), truncated: !result.complete };
    }
    if (!result.complete || read > limits.budget) return { length: null, paths: [], truncated: true };
    if (next.length === 0) break;
  }
  return { length: null, paths: [], truncated: false };
}

/** Every way back from `node` to its side's end, as node and link sequences ending at `node`. */
function* chainsTo<H extends Hop>(side: Side<H>, node: string): Generator<{ nodes: string[]; hops: H[] }> {
  const entry = side.reached.get(node)!;
  if (entry.via.length === 0) {
    yield { nodes: [node], hops: [] };
    return;
  }
  for (const { from, hop } of entry.via) {
    for (const chain of chainsTo(side, from)) yield { nodes: [...chain.nodes, node], hops: [...chain.hops, hop] };
  }
}

function joinPaths<H extends Hop>(forward: Side<H>, backward: Side<H>, meeting: string[], maxPaths: number) {
  const paths: { nodes: string[]; hops: H[] }[] = [];
  for (const node of meeting) {
    for (const head of chainsTo(forward, node)) {
      for (const tail of chainsTo(backward, node)) {
        paths.push({ nodes: [...head.nodes, ...tail.nodes.slice(0, -1).reverse()], hops: [...head.hops, ...tail.hops.reverse()] });
        if (paths.length >= maxPaths) return paths;
      }
    }
  }
  return paths;
}
