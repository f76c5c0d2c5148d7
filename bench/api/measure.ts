import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { percentile } from '../common/stats.ts';
import { cpuMeter, type CpuSplit } from './cpu.ts';
import { log, options } from './options.ts';

export type Scenario = 'read' | 'write';

export interface Measurement {
  engine: 'PostgreSQL' | 'PGlite';
  scenario: Scenario;
  /** How the load was applied: over HTTP, through the service layer in-process, or raw SQL. */
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Non-2xx answers (HTTP only). */
  non2xx: number | null;
  /** Socket errors and timeouts (HTTP), or failed operations (loops). */
  errors: number;
  /** Requests completed during the warm-up (their audit rows are in the database too). */
  warmupTotal: number;
  cpu: CpuSplit | null;
  note?: string;
}

export interface HttpScenario {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** autocannon on loopback: a warm-up that is thrown away, then the measured run. */
export async function loadHttp(engine: Measurement['engine'], scenario: Scenario, path: string, target: HttpScenario, serverPid: number): Promise<Measurement> {
  const base = { url: target.url, method: target.method, headers: target.headers, connections: options.connections, pipelining: 1, timeout: 30, ...(target.body ? { body: target.body } : {}) };
  log(`${engine} ${scenario} ${path}: warm-up ${options.warmupSeconds} s`);
  const warmup = await autocannon({ ...base, duration: options.warmupSeconds });
  log(`${engine} ${scenario} ${path}: ${options.durationSeconds} s x ${options.connections} connections`);
  const meter = cpuMeter(serverPid);
  const result = await autocannon({ ...base, duration: options.durationSeconds });
  const completed = result.requests.total;
  const cpu = meter(completed);
  return {
    engine,
    scenario,
    path,
    requestsPerSecond: completed / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: completed,
    non2xx: result.non2xx + warmup.non2xx,
    errors: result.errors + result.timeouts + warmup.errors + warmup.timeouts,
    warmupTotal: warmup.requests.total,
    cpu,
    note: `${Object.entries(result.statusCodeStats).map(([code, s]) => `${code}: ${s.count}`).join(', ')}; ${Math.round(result.throughput.total / Math.max(1, completed))} B/response`,
  };
}

/**
 * A closed loop like autocannon's: `concurrency` workers each run `op` back to back for the
 * duration (after a warm-up); latency is measured per operation.
 */
export async function loadLoop(engine: Measurement['engine'], scenario: Scenario, path: string, op: () => Promise<unknown>): Promise<Measurement> {
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    let firstError: unknown = null;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          try {
            await op();
            latencies.push(performance.now() - t0);
          } catch (err) {
            errors += 1;
            firstError ??= err;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    if (firstError) log(`${engine} ${scenario} ${path}: ${errors} failed, first: ${String(firstError)}`);
    return { latencies, errors, elapsed };
  };
  log(`${engine} ${scenario} ${path}: warm-up ${options.warmupSeconds} s`);
  const warmup = await run(options.warmupSeconds);
  log(`${engine} ${scenario} ${path}: ${options.durationSeconds} s x ${options.connections} workers`);
  const meter = cpuMeter(null);
  const { latencies, errors, elapsed } = await run(options.durationSeconds);
  const cpu = meter(latencies.length);
  const sorted = Float64Array.from(latencies).sort();
  return {
    engine,
    scenario,
    path,
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    total: latencies.length,
    non2xx: null,
    errors: errors + warmup.errors,
    warmupTotal: warmup.latencies.length,
    cpu,
  };
}
