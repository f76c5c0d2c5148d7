import { performance } from 'node:perf_hooks';
import { percentile } from '../common/stats.ts';

/** What a resident keeps after sending a tip, and what the tip was about (checked on read-back). */
export interface SentTip {
  receipt: string;
  passphrase: string;
  category: string;
}

export interface LoadResult {
  /** Tips answered 201, with their credentials. */
  accepted: SentTip[];
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Requests that got no answer (connection refused or reset, timeout). */
  unanswered: number;
  firstError: string | null;
  p50: number;
  p99: number;
  seconds: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

const count = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

/** A JSON POST on loopback, answered with its status and parsed body. */
async function postJson<T>(url: string, body: object): Promise<{ status: number; data: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, data: (await response.json()) as T };
}

export async function tipCategories(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/tips/categories`);
  const { items } = (await response.json()) as { items: { code: string }[] };
  return items.map((c) => c.code);
}

let sequence = 0;

/**
 * A closed loop of `connections` residents, each sending a tip as soon as the previous one was
 * answered, until `seconds` have passed or `halted()` says so (checked before each request).
 */
export async function sendTips(url: string, categories: string[], connections: number, seconds: number, halted: () => boolean = () => false): Promise<LoadResult> {
  const accepted: SentTip[] = [];
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let unanswered = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const until = started + seconds * 1000;

  const resident = async () => {
    while (performance.now() < until && !halted()) {
      const n = sequence++;
      const category = categories[n % categories.length]!;
      const body = { category, body: `Bench tip ${n}: seen near the corner of 5th and Main, most evenings after nine.` };
      const t0 = performance.now();
      try {
        const { status, data } = await postJson<{ receipt?: string; passphrase?: string }>(`${url}/api/v1/tips`, body);
        latencies.push(performance.now() - t0);
        count(statuses, status);
        if (status === 201) accepted.push({ receipt: data.receipt!, passphrase: data.passphrase!, category });
        else firstError ??= `HTTP ${status}: ${JSON.stringify(data).slice(0, 200)}`;
      } catch (err) {
        unanswered += 1;
        firstError ??= String((err as Error).cause ?? err);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, resident));
  const sorted = Float64Array.from(latencies).sort();
  return { accepted, statuses, unanswered, firstError, p50: percentile(sorted, 50), p99: percentile(sorted, 99), seconds: (performance.now() - started) / 1000 };
}

export interface ReadBack {
  /** Answered 200 with the category the tip was sent with. */
  present: number;
  /** Answered 401: no tip has this receipt and passphrase. */
  missing: number;
  /** Any other answer, or none: not known either way. */
  unverified: number;
  firstProblem: string | null;
  seconds: number;
}

/** Opens every tip with its receipt and passphrase, `concurrency` at a time. */
export async function readBack(url: string, tips: SentTip[], concurrency: number): Promise<ReadBack> {
  const result: ReadBack = { present: 0, missing: 0, unverified: 0, firstProblem: null, seconds: 0 };
  const started = performance.now();
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < tips.length; i = next++) {
      const tip = tips[i]!;
      try {
        const { status, data } = await postJson<{ category?: string }>(`${url}/api/v1/tips/access`, { receipt: tip.receipt, passphrase: tip.passphrase });
        if (status === 200 && data.category === tip.category) result.present += 1;
        else if (status === 401) result.missing += 1;
        else {
          result.unverified += 1;
          result.firstProblem ??= `HTTP ${status}: ${JSON.stringify(data).slice(0, 200)}`;
        }
      } catch (err) {
        result.unverified += 1;
        result.firstProblem ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, reader));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
