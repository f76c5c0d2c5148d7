import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { PROOF_HEADER } from '../../platform/anonymity/proof-of-work.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { Challenge } from './schemas.ts';

export const challengeRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/challenge',
    {
      ...anonymousRoute,
      schema: {
        tags: ['anonymity'],
        summary:
          'A proof-of-work challenge for anonymous submissions, when the deployment requires one: find a decimal counter such that SHA-256(challenge followed by counter) starts with `bits` zero bits, and send `challenge.counter` in the x-alianza-proof header. Each challenge is accepted once.',
        response: { 200: Challenge },
      },
    },
    async (): Promise<Challenge> => {
      const issued = await ctx.proofOfWork.issue();
      return issued
        ? { required: true, challenge: issued.challenge, bits: issued.bits, expiresAt: issued.expiresAt.toISOString(), header: PROOF_HEADER }
        : { required: false, challenge: null, bits: 0, expiresAt: null, header: PROOF_HEADER };
    },
  );
};
