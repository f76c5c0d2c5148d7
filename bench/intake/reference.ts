import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS } from '../../server/src/platform/auth/passwords.ts';
import { percentile } from '../common/stats.ts';

export interface HashRate {
  concurrency: number;
  hashesPerSecond: number;
  p50: number;
}

/**
 * The ceiling for tip intake on this machine: argon2id hashes of the server's parameters, in
 * one process with nothing else (each accepted tip costs one such hash), `concurrency` at once
 * on libuv's thread pool like the server's.
 */
export async function argon2HashRate(concurrency: number, seconds: number): Promise<HashRate> {
  const latencies: number[] = [];
  const passphrase = randomBytes(15).toString('base64url');
  await hash(passphrase, ARGON2_PARAMS); // warm-up
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await hash(passphrase, ARGON2_PARAMS);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { concurrency, hashesPerSecond: latencies.length / elapsed, p50: percentile(Float64Array.from(latencies).sort(), 50) };
}

export interface HashCeiling {
  rates: HashRate[];
  /** The fastest of them: the most hashes this machine gave at that moment. */
  best: HashRate;
}

/**
 * The hash rate one at a time, one per core and `connections` at once, measured just before an
 * engine's run so that both see the same machine (its other load varies over minutes).
 */
export async function argon2Ceiling(connections: number, cores: number, seconds: number): Promise<HashCeiling> {
  const rates: HashRate[] = [];
  for (const concurrency of [...new Set([1, cores, connections])]) rates.push(await argon2HashRate(concurrency, seconds));
  return { rates, best: rates.reduce((a, b) => (b.hashesPerSecond > a.hashesPerSecond ? b : a)) };
}

/** "argon2id, m = 19,456 KiB (19 MiB), t = 2, p = 1", from the parameters the server uses. */
export function describeArgon2(): string {
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMS;
  return `argon2id, m = ${memoryCost.toLocaleString('en-US')} KiB (${Math.round(memoryCost / 1024)} MiB), t = ${timeCost}, p = ${parallelism}`;
}
