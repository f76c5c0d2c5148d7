import { z } from 'zod';
import { ErrorBody } from '../http/error-reply.ts';
import { PROOF_HEADER } from './proof-of-work.ts';

/** The optional header of anonymous submission routes, for their OpenAPI description. */
export const ProofHeader = z.looseObject({
  [PROOF_HEADER]: z
    .string()
    .max(200)
    .optional()
    .describe('`<challenge>.<counter>` solving a challenge from GET /api/v1/challenge; required only when that endpoint says so'),
});

/** 428: a proof of work is required and missing; 400 PROOF_OF_WORK_INVALID: invalid, expired, reused or too easy. */
export const proofErrors = { 428: ErrorBody };
