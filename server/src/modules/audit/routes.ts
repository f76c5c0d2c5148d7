import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { AuditEntry, AuditSearchQuery, VerifyResult } from './schemas.ts';
import * as service from './service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const tags = ['audit'];

export const auditRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/audit',
    { schema: { tags, summary: 'Search the audit log (auditors)', querystring: AuditSearchQuery, response: { 200: z.object({ items: z.array(AuditEntry) }), ...errors } } },
    async (request) => ({ items: await service.searchAuditLog(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/audit/verify',
    { schema: { tags, summary: 'Verify the hash chain of the audit log (oversight auditors)', response: { 200: VerifyResult, ...errors } } },
    async (request) => service.verifyChain(ctx, request.actor),
  );
};
