import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddressRateLimiter } from '../../platform/anonymity/address-rate-limiter.ts';
import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { AttachmentReceipt, StaffAttachment, UploadAttachmentForm } from './schemas.ts';
import * as service from './service.ts';

const Params = z.object({ id: z.uuid() });
const AttachmentParams = Params.extend({ attachmentId: z.uuid() });
const ImageBytes = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' });

/** Downloads are never rendered by the browser in the app's origin: no scripts, no plugins, no framing. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/**
 * Reads the multipart form into `request.body` ({ receipt, passphrase, file: Buffer }) for the
 * route's schema to validate. Whatever stops the parser (the size limit, a second file, a body
 * cut off by a dropped connection) is the request's fault and answered as such.
 */
async function readForm(request: FastifyRequest, maxBytes: number): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  try {
    for await (const part of request.parts()) body[part.fieldname] = part.type === 'file' ? await part.toBuffer() : part.value;
  } catch (err) {
    if ((err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE', { megabytes: Number((maxBytes / 1_048_576).toFixed(2)) });
    throw new AppError('MALFORMED_REQUEST', { reason: 'multipart/form-data' });
  }
  request.body = body;
}

export const attachmentRoutes: RouteModule = (app, ctx) => {
  const { maxBytes } = ctx.config.attachments;
  // The client address is used here only to count requests under a key held in memory.
  const uploads = new AddressRateLimiter(60, 3_600_000);

  // Multipart bodies are accepted by this route only; the rest of the API stays JSON.
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 1024, headerPairs: 20 } });
    scope.post(
      '/api/v1/tips/attachments',
      {
        ...anonymousRoute,
        // Counted before the body is read, so that refused senders cost no upload.
        onRequest: async (request) => uploads.hit('tip.attachment', request.ip),
        preValidation: (request) => readForm(request, maxBytes),
        schema: {
          tags: ['tips'],
          summary: 'Attach an image to a tip with its receipt and passphrase; stored re-encoded, without metadata. Sending the same image again adds nothing.',
          consumes: ['multipart/form-data'],
          body: UploadAttachmentForm,
          response: { 200: AttachmentReceipt, 201: AttachmentReceipt, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const result = await service.attachToTip(ctx, request.locale, request.body);
        return reply.code(result.created ? 201 : 200).send(result);
      },
    );
  });

  app.get(
    '/api/v1/reports/:id/attachments',
    {
      schema: {
        tags: ['reports'],
        summary: "Images attached to a report, for those who triage it (404 otherwise); audited",
        params: Params,
        response: { 200: z.object({ items: z.array(StaffAttachment) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.listReportAttachments(ctx, request.actor, request.params.id) }),
  );

  app.get(
    '/api/v1/reports/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['reports'],
        summary: 'Download one attached image (JPEG, PNG or WebP, as a file, never displayed in the app); audited',
        params: AttachmentParams,
        produces: ['image/jpeg', 'image/png', 'image/webp', 'application/json'],
        response: { 200: ImageBytes, ...commonErrors },
      },
    },
    async (request, reply) => {
      const file = await service.readReportAttachment(ctx, request.actor, request.params.id, request.params.attachmentId);
      const extension = file.mediaType.slice('image/'.length).replace('jpeg', 'jpg');
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename="report-attachment-${file.id}.${extension}"`)
        .header('content-security-policy', DOWNLOAD_CSP)
        .header('cross-origin-resource-policy', 'same-origin')
        .send(file.bytes);
    },
  );
};
