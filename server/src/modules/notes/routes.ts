import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { CreateNoteBody, ListNotesQuery, Note, NoteFilter, UpdateNoteBody } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['notes'];
const Params = z.object({ id: z.uuid() });

export const noteRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/notes',
    { schema: { tags, summary: 'Create a note with a TLP marking and its distribution', body: CreateNoteBody, response: { 201: Note, ...errors } } },
    async (request, reply) => reply.code(201).send(await service.createNote(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/notes',
    {
      schema: {
        tags,
        summary: 'Notes the caller may see, newest first; q searches title and body',
        querystring: ListNotesQuery,
        response: { 200: z.object({ items: z.array(Note), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return service.listNotes(ctx, request.actor, filter, { limit, ...(cursor ? { cursor } : {}) });
    },
  );
  app.get(
    '/api/v1/notes/count',
    { schema: { tags, summary: 'How many notes the caller may see', querystring: NoteFilter, response: { 200: z.object({ count: z.number().int() }), ...errors } } },
    async (request) => ({ count: await service.countNotes(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/notes/:id',
    { schema: { tags, summary: 'A note (404 when missing or not visible alike)', params: Params, response: { 200: Note, ...errors } } },
    async (request) => service.getNote(ctx, request.actor, request.params.id),
  );
  app.patch(
    '/api/v1/notes/:id',
    { schema: { tags, summary: 'Edit a note (author or organisation manager)', params: Params, body: UpdateNoteBody, response: { 200: Note, ...errors } } },
    async (request) => service.updateNote(ctx, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/notes/:id',
    { schema: { tags, summary: 'Delete a note (author or organisation manager)', params: Params, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.deleteNote(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
