/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

/**
 * ForceAtlas2 off the UI thread, sending positions back about four times a second rather than
 * after every iteration: each delivery costs the page a full redraw, which at thousands of
 * entities (and in software WebGL) is what would otherwise keep its main thread busy.
 */
export interface LayoutRequest {
  x: Float32Array;
  y: Float32Array;
  /** Pairs of node indices. */
  edges: Uint32Array;
  budgetMs: number;
}
export type LayoutMessage = { x: Float32Array; y: Float32Array; done: boolean };

const DELIVERY_MS = 250;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { x, y, edges, budgetMs } = event.data;
  const graph = new Graph({ type: 'undirected', multi: true });
  for (let i = 0; i < x.length; i += 1) graph.addNode(i, { x: x[i], y: y[i] });
  for (let i = 0; i < edges.length; i += 2) if (edges[i] !== edges[i + 1]) graph.addEdge(edges[i], edges[i + 1]);
  const settings = { ...forceAtlas2.inferSettings(graph), slowDown: 5 };
  const until = performance.now() + budgetMs;
  let perIteration = 0;
  while (performance.now() < until) {
    const started = performance.now();
    const iterations = perIteration === 0 ? 1 : Math.max(1, Math.floor(DELIVERY_MS / perIteration));
    forceAtlas2.assign(graph, { iterations, settings });
    perIteration = (performance.now() - started) / iterations;
    const nx = new Float32Array(x.length);
    const ny = new Float32Array(x.length);
    graph.forEachNode((node, a) => ((nx[Number(node)] = a.x as number), (ny[Number(node)] = a.y as number)));
    const done = performance.now() + perIteration >= until;
    (self as unknown as Worker).postMessage({ x: nx, y: ny, done } satisfies LayoutMessage, [nx.buffer, ny.buffer]);
    if (done) return;
  }
};
