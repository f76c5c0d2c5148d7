/** Deployment settings the browser needs before sign-in (GET /api/v1/config). */
export interface PublicConfig {
  defaultLocale: 'es' | 'en' | 'pt';
  demo: boolean;
  map: { tileUrl: string | null; tileAttribution: string | null; center: [number, number]; zoom: number };
}

export const FALLBACK_CONFIG: PublicConfig = {
  defaultLocale: 'es',
  demo: false,
  map: { tileUrl: null, tileAttribution: null, center: [-70, -15], zoom: 2 },
};

let loading: Promise<PublicConfig> | null = null;

export function loadPublicConfig(): Promise<PublicConfig> {
  loading ??= fetch('/api/v1/config', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<PublicConfig>) : FALLBACK_CONFIG))
    .catch(() => FALLBACK_CONFIG);
  return loading;
}
