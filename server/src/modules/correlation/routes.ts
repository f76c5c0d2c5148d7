import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import * as requests from './contact-requests.ts';
import { lookupIdentifier } from './lookup.ts';
import {
  AcceptContactRequestBody, ContactRequest, ContactRequestFilter, Correlation, CreateContactRequestBody, DeclineContactRequestBody, LookupQuery,
} from './schemas.ts';

const errors = { ...commonErrors, 409: ErrorBody };
const Params = z.object({ id: z.uuid() });

export const correlationRoutes: RouteModule = (app, ctx) => {
  const tags = ['intelligence'];
  app.get(
    '/api/v1/intel/lookup',
    {
      schema: {
        tags,
        summary: 'Hit/no-hit: visible records holding an identifier, and which partners hold it in records the caller may not see (need-to-know roles; audited)',
        querystring: LookupQuery,
        response: { 200: Correlation, ...errors },
      },
    },
    async (request) => lookupIdentifier(ctx, request.actor, request.query),
  );
  app.post(
    '/api/v1/intel/contact-requests',
    { schema: { tags, summary: 'Ask the organisation behind a hit for contact (404 alike for unknown hits and other users\' hits)', body: CreateContactRequestBody, response: { 201: ContactRequest, ...errors } } },
    async (request, reply) => reply.code(201).send(await requests.createContactRequest(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/intel/contact-requests',
    { schema: { tags, summary: 'Contact requests the caller sent (outbox) or that its organisations received (inbox, coordinators)', querystring: ContactRequestFilter, response: { 200: z.object({ items: z.array(ContactRequest) }), ...errors } } },
    async (request) => ({ items: await requests.listContactRequests(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/intel/contact-requests/:id',
    { schema: { tags, summary: 'A contact request, for its requester or the owner\'s coordinators', params: Params, response: { 200: ContactRequest, ...errors } } },
    async (request) => requests.getContactRequest(ctx, request.actor, request.params.id),
  );
  app.post(
    '/api/v1/intel/contact-requests/:id/accept',
    { schema: { tags, summary: 'Accept, sharing the records with a sharing group or as a RED copy for the requester', params: Params, body: AcceptContactRequestBody, response: { 200: ContactRequest, ...errors } } },
    async (request) => requests.acceptContactRequest(ctx, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/intel/contact-requests/:id/decline',
    { schema: { tags, summary: 'Decline a contact request', params: Params, body: DeclineContactRequestBody, response: { 200: ContactRequest, ...errors } } },
    async (request) => requests.declineContactRequest(ctx, request.actor, request.params.id, request.body.response),
  );
};
