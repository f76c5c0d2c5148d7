import { performance } from 'node:perf_hooks';
import { percentile } from '../common/stats.ts';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((s, v) => s + v, 0);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: sorted.length ? sum / sorted.length : Number.NaN, max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
