import type { components } from '../../../api/schema.ts';

export type GraphNode = components['schemas']['GraphNode'];
export type GraphEdge = components['schemas']['GraphEdge'];

/** What the view holds: the union of the neighbourhoods and paths it has fetched. */
export interface GraphModel {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Entities the view started from (always shown, whatever the timeline says). */
  starts: Set<string>;
  truncated: boolean;
}

export function mergeResults(starts: readonly string[], results: readonly { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }[]): GraphModel {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const result of results) {
    // The shallowest depth wins: a node is as near as its nearest start.
    for (const node of result.nodes) if (!nodes.has(node.id) || nodes.get(node.id)!.depth > node.depth) nodes.set(node.id, node);
    for (const edge of result.edges) edges.set(edge.id, edge);
  }
  // A start entity merged into a survivor is drawn as that survivor.
  const drawn = new Set(starts.map((s) => [...nodes.values()].find((n) => n.id === s || n.mergedIds.includes(s))?.id ?? s));
  return { nodes, edges, starts: drawn, truncated: results.some((r) => r.truncated) };
}

/** A time window in milliseconds; null ends are open. */
export interface Window {
  from: number | null;
  to: number | null;
}

const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** Whether [start, end] (open ends unbounded) overlaps the window: the server's rule for links. */
export function overlaps(start: string | null, end: string | null, window: Window): boolean {
  const s = time(start);
  const e = time(end);
  if (window.to !== null && s !== null && s > window.to) return false;
  if (window.from !== null && e !== null && e < window.from) return false;
  return true;
}

/**
 * What the timeline leaves visible: links valid at some time in the window, and the nodes that
 * are start entities or keep a visible link, unless their first/last seen lies outside it.
 */
export function visibleInWindow(model: GraphModel, window: Window): { nodes: Set<string>; edges: Set<string> } {
  const edges = new Set<string>();
  const linked = new Set<string>();
  const nodeOk = (id: string) => {
    const node = model.nodes.get(id);
    return !!node && (model.starts.has(id) || overlaps(node.firstSeen, node.lastSeen, window));
  };
  for (const edge of model.edges.values()) {
    if (!overlaps(edge.validFrom, edge.validTo, window) || !nodeOk(edge.source) || !nodeOk(edge.target)) continue;
    edges.add(edge.id);
    linked.add(edge.source).add(edge.target);
  }
  const nodes = new Set<string>();
  for (const id of model.nodes.keys()) if (model.starts.has(id) || (linked.has(id) && nodeOk(id))) nodes.add(id);
  // With no links at all (a lone start), nothing is hidden for want of a link.
  if (model.edges.size === 0) for (const id of model.nodes.keys()) nodes.add(id);
  return { nodes, edges };
}

export interface Histogram {
  /** First and last instant of the dated records, ms. */
  start: number;
  end: number;
  /** Links valid during each of the equal bins. */
  bins: number[];
}

/** How many links were valid during each of `count` bins spanning the dated links; null when none is dated. */
export function histogram(edges: Iterable<GraphEdge>, count = 48): Histogram | null {
  const dated = [...edges].filter((e) => e.validFrom !== null || e.validTo !== null);
  if (dated.length === 0) return null;
  let start = Infinity;
  let end = -Infinity;
  for (const e of dated) {
    for (const t of [time(e.validFrom), time(e.validTo)]) {
      if (t === null) continue;
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
  }
  if (end === start) end = start + 24 * 3600 * 1000;
  const width = (end - start) / count;
  const bins = new Array<number>(count).fill(0);
  for (const e of dated) {
    const from = Math.min(count - 1, Math.max(0, Math.floor(((time(e.validFrom) ?? start) - start) / width)));
    const to = Math.min(count - 1, Math.floor(((time(e.validTo) ?? end) - start) / width));
    for (let i = from; i <= to; i += 1) bins[i]! += 1;
  }
  return { start, end, bins };
}

/** Neighbours of a node among what is visible: the node at the other end and the link to it. */
export function neighboursOf(model: GraphModel, node: string, visibleEdges: Set<string>): { node: GraphNode; edge: GraphEdge; outgoing: boolean }[] {
  const result: { node: GraphNode; edge: GraphEdge; outgoing: boolean }[] = [];
  for (const edge of model.edges.values()) {
    if (!visibleEdges.has(edge.id) || (edge.source !== node && edge.target !== node)) continue;
    const other = model.nodes.get(edge.source === node ? edge.target : edge.source);
    if (other) result.push({ node: other, edge, outgoing: edge.source === node });
  }
  return result.sort((a, b) => a.node.label.localeCompare(b.node.label) || a.edge.type.localeCompare(b.edge.type));
}
