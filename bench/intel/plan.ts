import { prng } from '../common/prng.ts';
import { BENCH_KINDS, KIND_WEIGHTS, rawIdentifier, type RawIdentifier } from './values.ts';

/**
 * How often each value occurs: the number of entities holding a value follows a discrete
 * power law, P(count ≥ c) = c^-(α-1) (Zipf's law with exponent s = 1/(α-1) ≈ 0.67 in rank–frequency
 * form): most values are held once, some by a few records, and a handful of switchboard
 * numbers and payment-processor accounts by thousands. The occurrences are then shuffled, so
 * each entity holds a random draw of them.
 */
export const POWER_LAW_ALPHA = 2.5;
export const MAX_COUNT = 50_000;

export interface OccurrencePlan {
  total: number;
  /** Per distinct value: its kind (index into BENCH_KINDS), its index within the kind, how many entities hold it. */
  kinds: Uint8Array;
  kindIndexes: Int32Array;
  counts: Int32Array;
  distinct: number;
  perKind: number[];
  /** The occurrences in the order entities take them: value numbers, each repeated `count` times. */
  order: Int32Array;
}

export function planOccurrences(total: number, seed: number): OccurrencePlan {
  const random = prng(seed);
  const kinds = new Uint8Array(total);
  const kindIndexes = new Int32Array(total);
  const counts = new Int32Array(total);
  const perKind = BENCH_KINDS.map(() => 0);
  const cumulative = BENCH_KINDS.map((_, i) => BENCH_KINDS.slice(0, i + 1).reduce((s, k) => s + KIND_WEIGHTS[k], 0));
  let assigned = 0;
  let distinct = 0;
  while (assigned < total) {
    const u = random();
    const kind = cumulative.findIndex((c) => u < c);
    const k = kind === -1 ? BENCH_KINDS.length - 1 : kind;
    const count = Math.min(MAX_COUNT, total - assigned, Math.floor((1 - random()) ** (-1 / (POWER_LAW_ALPHA - 1))));
    kinds[distinct] = k;
    kindIndexes[distinct] = perKind[k]!++;
    counts[distinct] = count;
    assigned += count;
    distinct += 1;
  }
  const order = new Int32Array(total);
  let at = 0;
  for (let v = 0; v < distinct; v++) order.fill(v, at, (at += counts[v]!));
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return { total, kinds: kinds.subarray(0, distinct), kindIndexes: kindIndexes.subarray(0, distinct), counts: counts.subarray(0, distinct), distinct, perKind, order };
}

export const identifierOf = (plan: OccurrencePlan, value: number): RawIdentifier => rawIdentifier(BENCH_KINDS[plan.kinds[value]!]!, plan.kindIndexes[value]!);

/** A value of `kind` that no entity holds: the next one of the kind after those generated. */
export const missingIdentifier = (plan: OccurrencePlan, kind: number, j: number): RawIdentifier => rawIdentifier(BENCH_KINDS[kind]!, plan.perKind[kind]! + j);
