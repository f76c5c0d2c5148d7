import { z } from 'zod';

export const Challenge = z
  .object({
    required: z.boolean().describe('false: anonymous submissions need no proof of work now'),
    challenge: z.string().nullable(),
    bits: z.number().int().describe('Leading zero bits SHA-256(challenge || counter) must have; 0 when not required'),
    expiresAt: z.iso.datetime().nullable(),
    header: z.literal('x-alianza-proof').describe('Send `<challenge>.<counter>` in this header with the submission'),
  })
  .meta({ id: 'ProofOfWorkChallenge' });
export type Challenge = z.infer<typeof Challenge>;
