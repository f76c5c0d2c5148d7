import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../http/context.ts';
import { ErrorBody } from '../http/error-reply.ts';
import { PROOF_HEADER } from './proof-of-work.ts';

/**
 * What an anonymous submission route (tips, conduct feedback, Open311 and unsafe-place
 * reports) adds to take part in the optional proof of work:
 *
 *   { ...anonymousRoute, preHandler: proofOfWorkCheck(ctx),
 *     schema: { headers: ProofHeader, response: { ..., ...proofErrors } } }
 *
 * The check runs after body validation, so a request refused for bad input does not spend
 * the resident's proof.
 */
export const proofOfWorkCheck = (ctx: AppContext) => async (request: FastifyRequest) => {
  const header = request.headers[PROOF_HEADER];
  await ctx.proofOfWork.verify(Array.isArray(header) ? header[0] : header);
};

/** The optional header, for the OpenAPI description (other headers pass through untouched). */
export const ProofHeader = z.looseObject({
  [PROOF_HEADER]: z
    .string()
    .max(200)
    .optional()
    .describe('`<challenge>.<counter>` solving a challenge from GET /api/v1/challenge; required only when that endpoint says so'),
});

/** 428 PROOF_OF_WORK_REQUIRED when missing; a wrong, expired, reused or too easy one is a 400 PROOF_OF_WORK_INVALID. */
export const proofErrors = { 428: ErrorBody };
