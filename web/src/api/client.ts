import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.ts';

/** The error shape every API error has (see the server's ErrorBody). */
export interface ApiErrorBody {
  error: { code: string; message: string; details: { field: string; code: string; message: string }[]; requestId: string };
}

/** A failed request: the server's localized error, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody['error'] | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.body?.details ?? []).map((d) => [d.field, d.message]));
  }
}

let csrfToken: string | null = null;
let language = 'es';
let onUnauthenticated: () => void = () => {};
let signedIn = false;

export const setCsrfToken = (token: string | null) => (csrfToken = token);
export const setApiLanguage = (locale: string) => (language = locale);
export const setSignedIn = (value: boolean) => (signedIn = value);
export const setUnauthenticatedHandler = (handler: () => void) => (onUnauthenticated = handler);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', language);
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (new URL(request.url).pathname.startsWith('/api/v1/auth/')) return response;
    // The server marks every answer with whether it saw a session: a signed-in app that is
    // answered as anonymous has lost its session (expired, revoked or cookie cleared).
    if (response.status === 401 || (signedIn && response.headers.get('x-alianza-session') === 'none')) onUnauthenticated();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(sessionMiddleware);

/** Unwraps an openapi-fetch result: the data, or an ApiError. Network failures become status 0. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, null);
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error as ApiErrorBody | undefined)?.error ?? null;
  throw new ApiError(result.response.status, body);
}
