/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';

/**
 * ForceAtlas2 off the UI thread. It computes a batch of iterations (about 100 ms of them), sends
 * the positions and waits for the page to ask for more once it has drawn them: each delivery
 * costs the page a full redraw, and on a small machine (or in software WebGL) a worker that ran
 * ahead would take the core the page needs to draw.
 */
export type LayoutRequest = { x: Float32Array; y: Float32Array; /** Pairs of node indices. */ edges: Uint32Array; budgetMs: number } | 'next';
export type LayoutMessage = { x: Float32Array; y: Float32Array; done: boolean };

const BATCH_MS = 100;
let graph: Graph | null = null;
let settings: ReturnType<typeof forceAtlas2.inferSettings> | null = null;
let spent = 0;
let budget = 0;
let perIteration = 0;

function batch() {
  const started = performance.now();
  const iterations = perIteration === 0 ? 1 : Math.max(1, Math.floor(BATCH_MS / perIteration));
  forceAtlas2.assign(graph!, { iterations, settings: settings! });
  const took = performance.now() - started;
  perIteration = took / iterations;
  spent += took;
  const x = new Float32Array(graph!.order);
  const y = new Float32Array(graph!.order);
  graph!.forEachNode((node, a) => ((x[Number(node)] = a.x as number), (y[Number(node)] = a.y as number)));
  (self as unknown as Worker).postMessage({ x, y, done: spent >= budget } satisfies LayoutMessage, [x.buffer, y.buffer]);
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  if (event.data === 'next') return batch();
  const { x, y, edges, budgetMs } = event.data;
  graph = new Graph({ type: 'undirected', multi: true });
  for (let i = 0; i < x.length; i += 1) graph.addNode(i, { x: x[i], y: y[i] });
  for (let i = 0; i < edges.length; i += 2) if (edges[i] !== edges[i + 1]) graph.addEdge(edges[i], edges[i + 1]);
  settings = { ...forceAtlas2.inferSettings(graph), slowDown: 5 };
  budget = budgetMs;
  batch();
};
