import type { Map } from 'maplibre-gl';

declare global {
  interface Window {
    /** The live map of the web app (set by web/src/map/MapView.tsx). */
    __alianzaMap?: Map;
  }
}
