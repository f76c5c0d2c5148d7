import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { openEventStream } from '../../platform/http/event-stream.ts';
import { LOCALES } from '../../platform/i18n/locale.ts';
import * as runs from './import-runs.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import * as mappings from './category-mappings.ts';
import { EPSG_DEFINITIONS } from './crs/epsg-definitions.ts';
import * as profiles from './profiles.ts';
import { ImportView, CategoryMapping, CategoryMappingsBody, CrsView, DeleteCategoryMappingsBody, ImportProfileView, OrgQuery, ProfileBody } from './schemas.ts';

const tags = ['imports'];
const Params = z.object({ id: z.uuid() });
const MappingList = z.object({ items: z.array(CategoryMapping) });

export const importProfileRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/import-profiles',
    { schema: { tags, summary: "Import profiles of the caller's organisations (or of one)", querystring: OrgQuery, response: { 200: z.object({ items: z.array(ImportProfileView) }), ...commonErrors } } },
    async (request) => ({ items: await profiles.listProfiles(ctx, request.actor, request.query.orgId) }),
  );
  app.post(
    '/api/v1/import-profiles',
    { schema: { tags, summary: 'Save an import profile (writers of the organisation)', body: ProfileBody, response: { 201: ImportProfileView, 409: ErrorBody, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await profiles.createProfile(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'An import profile', params: Params, response: { 200: ImportProfileView, ...commonErrors } } },
    async (request) => profiles.getProfile(ctx, request.actor, request.params.id),
  );
  app.put(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'Replace an import profile (imports already started keep the old one)', params: Params, body: ProfileBody, response: { 200: ImportProfileView, 409: ErrorBody, ...commonErrors } } },
    async (request) => profiles.updateProfile(ctx, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'Delete an import profile (past imports keep its name)', params: Params, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      await profiles.deleteProfile(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/category-mappings',
    { schema: { tags, summary: "An organisation's own categories and the ICCS code of each", querystring: OrgQuery, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.listMappings(ctx, request.actor, request.query.orgId) }),
  );
  app.put(
    '/api/v1/category-mappings',
    { schema: { tags, summary: 'Add or change category mappings (writers of the organisation)', body: CategoryMappingsBody, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.putMappings(ctx, request.actor, request.body) }),
  );
  app.delete(
    '/api/v1/category-mappings',
    { schema: { tags, summary: 'Remove category mappings', body: DeleteCategoryMappingsBody, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.deleteMappings(ctx, request.actor, request.body) }),
  );
  app.get(
    '/api/v1/crs',
    { schema: { tags, summary: 'Coordinate reference systems imports can reproject from (EPSG), with their areas of use', response: { 200: z.object({ items: z.array(CrsView) }) } } },
    async () => ({ items: EPSG_DEFINITIONS.map((d) => ({ code: `EPSG:${d.code}`, name: d.name, area: d.area, geographic: d.geographic })) }),
  );
};

/**
 * Streams a multipart upload (fields `profileId`, then `file`) into the import; the file is
 * never held in memory. Past the size limit the upload stops with 413 and nothing is kept.
 */
async function upload(request: FastifyRequest, start: (profileId: string, fileName: string, file: AsyncIterable<Uint8Array>) => Promise<ImportView>, maxBytes: number) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: String(request.headers['content-type'] ?? '-').split(';')[0]!.slice(0, 100) });
  let profileId = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'profileId') profileId = String(part.value);
        continue;
      }
      if (!z.uuid().safeParse(profileId).success) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'profileId', code: 'required' }]);
      const file = part.file;
      const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { limit: maxBytes });
      // Past the limit the part stream just ends, marked truncated: that must not pass for the whole file.
      async function* whole(): AsyncGenerator<Uint8Array> {
        for await (const chunk of file) yield chunk as Uint8Array;
        if (file.truncated) throw tooLarge();
      }
      return await start(profileId, part.filename, whole());
    }
  } catch (err) {
    if ((err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { limit: maxBytes });
    if (err instanceof AppError) throw err;
    if ((err as FastifyError).code?.startsWith('FST_')) throw new AppError('MALFORMED_REQUEST', { reason: 'multipart/form-data' });
    throw err;
  }
  throw new AppError('VALIDATION_FAILED', {}, [{ path: 'file', code: 'required' }]);
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export const importRunRoutes: RouteModule = (app, ctx) => {
  const maxBytes = ctx.config.importMaxBytes;
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3, fieldSize: 1024, headerPairs: 20 } });
    scope.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Upload a file (multipart: profileId, then file) and import it in the background with a saved profile',
          consumes: ['multipart/form-data'],
          response: { 202: ImportView, 413: ErrorBody, 415: ErrorBody, 503: ErrorBody, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await upload(request, (profileId, fileName, file) => runs.startImport(ctx, request.actor, { profileId, fileName, file }), maxBytes)),
    );
  });
  app.get(
    '/api/v1/imports',
    { schema: { tags, summary: 'Imports of the organisations where the caller may import, newest first', querystring: OrgQuery, response: { 200: z.object({ items: z.array(ImportView) }), ...commonErrors } } },
    async (request) => ({ items: await runs.listImports(ctx, request.actor, request.query.orgId) }),
  );
  app.get(
    '/api/v1/imports/:id',
    { schema: { tags, summary: 'An import: state, progress, counts, rows/s and time left', params: Params, response: { 200: ImportView, ...commonErrors } } },
    async (request) => runs.getImport(ctx, request.actor, request.params.id),
  );
  app.get(
    '/api/v1/imports/:id/stream',
    {
      schema: {
        tags,
        summary: 'Server-Sent Events: `progress` with the import after every change, until it ends',
        params: Params,
        querystring: z.object({ lang: z.enum(LOCALES).optional().describe('Language of failure messages (EventSource cannot set Accept-Language).') }),
      },
    },
    async (request, reply) => {
      const actor = { ...request.actor, locale: request.query.lang ?? request.actor.locale };
      let last = await runs.getImport(ctx, actor, request.params.id);
      let timer: NodeJS.Timeout | undefined;
      const stream = openEventStream(request, reply, () => clearTimeout(timer));
      stream.send('progress', last);
      // Progress lives in the database (any instance may run the job): read it twice a second.
      const poll = async () => {
        if (stream.closed) return;
        try {
          const now = await runs.getImport(ctx, actor, request.params.id);
          if (now.updatedAt !== last.updatedAt || now.state !== last.state) stream.send('progress', now);
          last = now;
        } catch {
          return reply.raw.end();
        }
        if (TERMINAL.has(last.state)) return reply.raw.end();
        timer = setTimeout(() => void poll(), 500);
      };
      if (TERMINAL.has(last.state)) reply.raw.end();
      else timer = setTimeout(() => void poll(), 500);
    },
  );
  app.post(
    '/api/v1/imports/:id/cancel',
    { schema: { tags, summary: 'Stop an import after its current batch (what was committed stays; importing the file again completes it)', params: Params, response: { 202: ImportView, 409: ErrorBody, ...commonErrors } } },
    async (request, reply) => reply.code(202).send(await runs.cancelImport(ctx, request.actor, request.params.id)),
  );
  app.get(
    '/api/v1/imports/:id/errors.csv',
    { schema: { tags, summary: 'The error report: every rejected record with its line or feature, reason and raw values (CSV); audited', params: Params, produces: ['text/csv'] } },
    async (request, reply) => {
      const report = await runs.errorReport(ctx, request.actor, request.params.id);
      const { Readable } = await import('node:stream');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${report.fileName.replace(/[^\w.-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(report.lines));
    },
  );
};
