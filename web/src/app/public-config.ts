import { api, call } from '../api/client.ts';
import type { components } from '../api/schema.ts';

/** Deployment settings the browser needs before sign-in (GET /api/v1/config). */
export type PublicConfig = components['schemas']['PublicConfig'];

export const FALLBACK_CONFIG: PublicConfig = {
  defaultLocale: 'es',
  locales: ['es', 'en', 'pt'],
  demo: false,
  map: { tileUrl: null, tileAttribution: null, center: [-70, -15] as [number, number], zoom: 2 },
};

let loading: Promise<PublicConfig> | null = null;

/** Loaded once per page; the app still starts (offline defaults) if the server cannot be reached. */
export function loadPublicConfig(): Promise<PublicConfig> {
  loading ??= (call(api.GET('/api/v1/config')) as Promise<PublicConfig>).catch(() => FALLBACK_CONFIG);
  return loading;
}
