import type { Map } from 'maplibre-gl';
import type { GraphTestHook } from '../src/pages/intel/graph/graph-test-hook.ts';

declare global {
  interface Window {
    /** The live map of the web app (set by web/src/map/MapView.tsx). */
    __alianzaMap?: Map;
    /** The live graph view (set by web/src/pages/intel/graph/GraphCanvas.tsx). */
    alianzaGraph?: GraphTestHook;
  }
}
