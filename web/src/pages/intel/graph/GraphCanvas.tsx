import { createNodeBorderProgram } from '@sigma/node-border';
import { NodeSquareProgram } from '@sigma/node-square';
import Graph from 'graphology';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { GraphModel } from './graph-model.ts';
import './graph-test-hook.ts';
import type { LayoutMessage, LayoutRequest } from './layout-worker.ts';
import { EDGE_COLOR, ENTITY_STYLE, FADED_COLOR, nodeSize, PATH_COLOR, SELECTED_COLOR } from './graph-style.ts';

export interface Highlight {
  visibleNodes: Set<string>;
  visibleEdges: Set<string>;
  selected: string | null;
  target: string | null;
  selectedLink: string | null;
  pathNodes: Set<string>;
  pathEdges: Set<string>;
}

interface Props {
  model: GraphModel;
  highlight: Highlight;
  label: string;
  onSelect(node: string, second: boolean): void;
  onExpand(node: string): void;
  onSelectLink(link: string): void;
  onClear(): void;
  onLayoutChange(running: boolean): void;
  /** Incremented to run the layout again. */
  layoutRun: number;
}

const RingProgram = createNodeBorderProgram({
  borders: [
    { size: { value: 0.35 }, color: { attribute: 'color' } },
    { size: { fill: true }, color: { value: '#ffffff' } },
  ],
});

/**
 * Above this many links the drawing saves work where it shows least (software WebGL, phones):
 * one-pixel lines, no links or labels while the camera moves, and links chosen from the side
 * panel rather than by pointer (picking them means drawing them all a second time).
 */
const LARGE = 3000;

/** How much layout computing (in the worker, ms) a graph gets before it settles: more for larger graphs. */
const layoutMs = (order: number) => Math.min(2000 + order * 1.5, 10_000);

/** Where a new node starts: near a placed neighbour, or on a ring by depth around the centre. */
function initialPosition(graph: Graph, model: GraphModel, id: string, depth: number, random: () => number) {
  for (const edge of model.edges.values()) {
    const other = edge.source === id ? edge.target : edge.target === id ? edge.source : null;
    if (other && graph.hasNode(other)) {
      const { x, y } = graph.getNodeAttributes(other) as { x: number; y: number };
      return { x: x + (random() - 0.5) * 10, y: y + (random() - 0.5) * 10 };
    }
  }
  const angle = random() * 2 * Math.PI;
  const radius = depth * 100 + random() * 50;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}

/** The WebGL drawing of the graph (Sigma.js), with ForceAtlas2 running in a web worker. */
export function GraphCanvas({ model, highlight, label, onSelect, onExpand, onSelectLink, onClear, onLayoutChange, layoutRun }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const graphRef = useRef<Graph | null>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const layoutRef = useRef<Worker | null>(null);
  const highlightRef = useRef(highlight);
  const largeRef = useRef(false);
  const handlers = useRef({ onSelect, onExpand, onSelectLink, onClear, onLayoutChange });
  handlers.current = { onSelect, onExpand, onSelectLink, onClear, onLayoutChange };
  highlightRef.current = highlight;

  // One Sigma instance for the life of the page; the graph inside it changes.
  useEffect(() => {
    const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: false });
    const sigma = new Sigma(graph, container.current!, {
      nodeProgramClasses: { square: NodeSquareProgram, ring: RingProgram },
      edgeProgramClasses: { thin: EdgeLineProgram },
      enableEdgeEvents: true,
      defaultEdgeType: 'line',
      labelRenderedSizeThreshold: 8,
      zIndex: true,
      nodeReducer: (node, data) => reduceNode(node, data, highlightRef.current),
      edgeReducer: (edge, data) => reduceEdge(edge, data, highlightRef.current, largeRef.current),
    });
    sigma.on('clickNode', ({ node, event }) => handlers.current.onSelect(node, event.original.shiftKey || event.original.ctrlKey || event.original.metaKey));
    sigma.on('doubleClickNode', ({ node, preventSigmaDefault }) => {
      preventSigmaDefault();
      handlers.current.onExpand(node);
    });
    sigma.on('clickEdge', ({ edge }) => handlers.current.onSelectLink(edge));
    sigma.on('clickStage', () => handlers.current.onClear());
    graphRef.current = graph;
    sigmaRef.current = sigma;
    window.alianzaGraph = {
      nodes: () => graph.filterNodes((n) => highlightRef.current.visibleNodes.has(n)),
      edges: () => graph.filterEdges((e) => highlightRef.current.visibleEdges.has(e)),
      position: (node) => {
        const data = sigma.getNodeDisplayData(node);
        if (!data) return null;
        const p = sigma.framedGraphToViewport(data);
        const box = container.current!.getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      },
      layoutRunning: () => layoutRef.current !== null,
      startLayout: () => startLayout(),
      stopLayout: () => stopLayout(),
    };
    return () => {
      layoutRef.current?.terminate();
      sigma.kill();
      delete window.alianzaGraph;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function stopLayout() {
    layoutRef.current?.terminate();
    layoutRef.current = null;
    handlers.current.onLayoutChange(false);
  }
  /** Lays the graph out in a worker from where its nodes are now; positions arrive a few times a second. */
  function startLayout() {
    const graph = graphRef.current!;
    if (graph.order === 0) return;
    layoutRef.current?.terminate();
    const ids = graph.nodes();
    const index = new Map(ids.map((id, i) => [id, i]));
    const x = new Float32Array(ids.length);
    const y = new Float32Array(ids.length);
    ids.forEach((id, i) => ((x[i] = graph.getNodeAttribute(id, 'x') as number), (y[i] = graph.getNodeAttribute(id, 'y') as number)));
    const edges = new Uint32Array(graph.size * 2);
    let k = 0;
    graph.forEachEdge((_, __, source, target) => ((edges[k++] = index.get(source)!), (edges[k++] = index.get(target)!)));
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutMessage>) => {
      if (layoutRef.current !== worker) return;
      const { x: nx, y: ny, done } = event.data;
      graph.updateEachNodeAttributes((id, attributes) => {
        const i = index.get(id);
        return i === undefined ? attributes : { ...attributes, x: nx[i], y: ny[i] };
      }, { attributes: ['x', 'y'] });
      if (done) stopLayout();
      // Ask for more once this frame is drawn, so drawing and layout take turns.
      else requestAnimationFrame(() => requestAnimationFrame(() => layoutRef.current === worker && worker.postMessage('next' satisfies LayoutRequest)));
    };
    worker.postMessage({ x, y, edges, budgetMs: layoutMs(graph.order) } satisfies LayoutRequest, [x.buffer, y.buffer, edges.buffer]);
    layoutRef.current = worker;
    handlers.current.onLayoutChange(true);
  }

  // Bring the drawn graph in line with the model, then let the layout settle it.
  useEffect(() => {
    const graph = graphRef.current!;
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let changed = false;
    for (const id of graph.nodes()) if (!model.nodes.has(id)) (graph.dropNode(id), (changed = true));
    for (const node of model.nodes.values()) {
      const style = ENTITY_STYLE[node.type];
      const attributes = { label: node.label, color: style.color, type: style.shape, size: nodeSize(model.starts.has(node.id) ? 0 : node.depth + 1, model.nodes.size) };
      if (graph.hasNode(node.id)) graph.mergeNodeAttributes(node.id, attributes);
      else {
        graph.addNode(node.id, { ...attributes, ...initialPosition(graph, model, node.id, node.depth, random) });
        changed = true;
      }
    }
    const large = model.edges.size > LARGE;
    for (const id of graph.edges()) if (!model.edges.has(id)) (graph.dropEdge(id), (changed = true));
    for (const edge of model.edges.values()) {
      if (graph.hasEdge(edge.id) || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
      graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, { color: EDGE_COLOR, size: 1 });
      changed = true;
    }
    largeRef.current = large;
    sigmaRef.current!.setSettings({ hideEdgesOnMove: large, hideLabelsOnMove: large, enableEdgeEvents: !large });
    if (changed) startLayout();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model]);

  useEffect(() => {
    if (layoutRun > 0) startLayout();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutRun]);

  useEffect(() => {
    sigmaRef.current?.refresh();
  }, [highlight]);

  return <div ref={container} className="graph-canvas" role="img" aria-label={label} />;
}

function reduceNode(node: string, data: Partial<NodeDisplayData>, h: Highlight): Partial<NodeDisplayData> {
  if (!h.visibleNodes.has(node)) return { ...data, hidden: true };
  const onPath = h.pathNodes.size > 0;
  if (node === h.selected || node === h.target) return { ...data, highlighted: true, zIndex: 2, forceLabel: true };
  if (onPath && h.pathNodes.has(node)) return { ...data, zIndex: 1, forceLabel: true };
  if (onPath) return { ...data, color: FADED_COLOR, label: null, zIndex: 0 };
  return data;
}

function reduceEdge(edge: string, data: Partial<EdgeDisplayData>, h: Highlight, large: boolean): Partial<EdgeDisplayData> {
  if (!h.visibleEdges.has(edge)) return { ...data, hidden: true };
  if (large) data = { ...data, type: 'thin' };
  if (edge === h.selectedLink) return { ...data, type: 'line', color: SELECTED_COLOR, size: 3, zIndex: 2 };
  if (h.pathEdges.has(edge)) return { ...data, type: 'line', color: PATH_COLOR, size: 3, zIndex: 1 };
  if (h.pathNodes.size > 0) return { ...data, color: FADED_COLOR };
  return data;
}
