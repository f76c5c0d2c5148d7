/** Stable error codes of the API. Clients branch on these, never on messages. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  INVALID_CREDENTIALS: 401,
  INVALID_RECEIPT: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  TOO_MANY_ATTACHMENTS: 409,
  ANALYSIS_NOT_FINISHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROOF_OF_WORK_REQUIRED: 428,
  PROOF_OF_WORK_INVALID: 400,
  UNSUPPORTED_IMAGE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "jurisdiction.coordinates.0". */
  path: string;
  /** Message catalog key, e.g. "too_small" or "geojson.ring_not_closed". */
  code: string;
  /** Values interpolated into the localized message. */
  params?: Record<string, string | number>;
}

/**
 * The one error type of Alianza. Services throw it; the HTTP layer localizes the message
 * and maps the code to a status in one place.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldIssue[] = [],
    readonly extra: { retryAfterSeconds?: number } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (resource: string) => new AppError('NOT_FOUND', { resource });
export const forbidden = () => new AppError('FORBIDDEN');
export const invalidField = (path: string, code: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', {}, [{ path, code, ...(params ? { params } : {}) }]);
