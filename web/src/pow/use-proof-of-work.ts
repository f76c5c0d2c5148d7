import { useCallback, useState } from 'react';
import { api, ApiError, call } from '../api/client.ts';
import { solveChallenge } from './solve.ts';

const needsProof = (err: unknown) => err instanceof ApiError && (err.status === 428 || err.body?.code === 'PROOF_OF_WORK_INVALID');

/**
 * Sends an anonymous submission; when the server answers that it needs a proof of work (a
 * deployment under attack), fetches a challenge, solves it off the main thread while
 * `checking` is true, and sends again with the solution. Nothing is asked of the resident.
 */
export function useProofOfWork() {
  const [checking, setChecking] = useState(false);
  const sendWithProof = useCallback(async <T,>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> => {
    try {
      return await send({});
    } catch (err) {
      if (!needsProof(err)) throw err;
    }
    const challenge = await call(api.GET('/api/v1/challenge'));
    if (!challenge.required || !challenge.challenge) return send({});
    setChecking(true);
    try {
      const counter = await solveChallenge(challenge.challenge, challenge.bits);
      return await send({ [challenge.header]: `${challenge.challenge}.${counter}` });
    } finally {
      setChecking(false);
    }
  }, []);
  return { checking, sendWithProof };
}
