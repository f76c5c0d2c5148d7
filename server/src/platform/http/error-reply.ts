import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors/app-error.ts';
import { MESSAGES, translate } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locale.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** The error responses most routes declare in their OpenAPI description. */
export const commonErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

type ZodIssueLike = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

/** Turns a Zod issue into a catalog key and parameters, so the message is in the user's language. */
function fieldIssueFromZod(issue: ZodIssueLike, prefix: string): FieldIssue {
  const path = [prefix, ...issue.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.');
  const p = issue.params;
  const origin = typeof p.origin === 'string' ? p.origin : '';
  // Our own schemas name a catalog key as the message (e.g. regex checks, refinements).
  if (issue.message in MESSAGES) return { path, code: issue.message, params: (p.params as Record<string, string>) ?? {} };
  switch (issue.keyword) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? { path, code: 'required' }
        : { path, code: 'invalid_type', params: { expected: String(p.expected) } };
    case 'too_small':
    case 'too_big': {
      const bound = issue.keyword === 'too_small' ? 'minimum' : 'maximum';
      const suffix = origin === 'string' || origin === 'array' ? `_${origin}` : '';
      if (issue.keyword === 'too_small' && origin === 'string' && Number(p.minimum) === 1) return { path, code: 'required' };
      return { path, code: `${issue.keyword}${suffix}`, params: { [bound]: String(p[bound]) } };
    }
    case 'invalid_format':
      return { path, code: 'invalid_format', params: { format: String(p.format) } };
    case 'invalid_value':
      return { path, code: 'invalid_value', params: { options: (p.values as unknown[] | undefined)?.join(', ') ?? '' } };
    case 'unrecognized_keys':
      return { path, code: 'unrecognized_keys', params: { keys: (p.keys as string[] | undefined)?.join(', ') ?? '' } };
    default:
      return { path, code: 'invalid' };
  }
}

const UNIQUE_FIELDS: Record<string, string> = {
  users_email_key: 'email',
  organizations_name_key: 'name',
  sharing_groups_owner_name_key: 'name',
};

/** Converts anything thrown into the one error shape; only our own bugs become 500s. */
export function toAppError(err: unknown, bodyLimit: number, contentType = ''): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const prefix = e.validationContext === 'body' ? '' : (e.validationContext ?? '');
    return new AppError('VALIDATION_FAILED', {}, (e.validation as unknown as ZodIssueLike[]).map((i) => fieldIssueFromZod(i, prefix)));
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? new AppError('UNSUPPORTED_MEDIA_TYPE', { type: contentType.split(';')[0]!.slice(0, 100) || '-' })
        : new AppError('MALFORMED_REQUEST', { reason: 'Content-Length' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_REQUEST', { reason: 'JSON' });
  }
  if (e.name === 'SyntaxError' || e.statusCode === 400) return new AppError('MALFORMED_REQUEST', { reason: 'JSON' });
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', { limit: bodyLimit });
  if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', { type: contentType.split(';')[0]!.slice(0, 100) || '-' });
  if (e.statusCode === 403) return new AppError('FORBIDDEN');
  if (e.statusCode === 404) return new AppError('NOT_FOUND', { resource: '-' });
  const pgCode = (err as { code?: string }).code ?? '';
  if (pgCode === '23505') {
    // Name the field, never the constraint (it would reveal, e.g., another group's name).
    const field = UNIQUE_FIELDS[(err as { constraint?: string }).constraint ?? ''] ?? 'value';
    return new AppError('CONFLICT', { what: field }, [{ path: field, code: 'already_exists' }]);
  }
  // Class 22, data exceptions (a NUL character, a date out of range…): the input, not us.
  if (pgCode.startsWith('22')) return new AppError('VALIDATION_FAILED', {}, [{ path: '-', code: 'invalid' }]);
  return new AppError('INTERNAL');
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError, locale: Locale): FastifyReply {
  const params = { ...error.params, requestId: request.id };
  if (error.extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.extra.retryAfterSeconds));
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: error.code,
        message: translate(error.code, locale, params),
        details: error.fields.map((f) => ({ field: f.path, code: f.code, message: translate(f.code, locale, f.params) })),
        requestId: request.id,
      },
    });
}
