/**
 * What browser tests and the rendering benchmark read from a running graph view: the drawing
 * is one WebGL canvas, with no DOM element per node to find.
 */
export interface GraphTestHook {
  /** Ids of the nodes and links drawn now (after filters and the timeline). */
  nodes(): string[];
  edges(): string[];
  /** Where a node is drawn, in CSS pixels from the page's top left corner. */
  position(node: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
  startLayout(): void;
  stopLayout(): void;
}

declare global {
  interface Window {
    alianzaGraph?: GraphTestHook;
  }
}
