import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import type { JobResult } from './job.ts';
import type { Projection, RunStage, RunStatus, Statistic } from './schemas.ts';

/** Results are kept this long after a run ends, for downloads and tiles. */
export const RESULT_TTL_MS = 30 * 60_000;
/** Results held in memory at once, all users together; the oldest go first. */
export const RESULT_BUDGET_BYTES = 512 * 1024 * 1024;

export type RestrictedCounts = Record<Extract<Tlp, 'AMBER' | 'AMBER+STRICT' | 'RED'>, number>;

/** Why a run did not succeed: a catalog key and its parameters, localized when read. */
export interface RunError {
  code: string;
  params: Record<string, string | number>;
}

export interface RunRecord {
  readonly id: string;
  readonly ownerUserId: string;
  readonly statistic: Statistic;
  readonly createdAt: Date;
  status: RunStatus;
  stage: RunStage;
  fraction: number;
  finishedAt: Date | null;
  /** When the selection started to be read, and when the computation started. */
  selectingAt: number | null;
  computingAt: number | null;
  finishedAtMs: number | null;
  incidents: number;
  restricted: RestrictedCounts;
  projection: Projection | null;
  error: RunError | null;
  result: JobResult | null;
  /** Aborted by DELETE, by the last listener leaving, by the time limit or at shutdown. */
  readonly abort: AbortController;
  readonly listeners: Set<(run: RunRecord) => void>;
}

const ACTIVE: readonly RunStatus[] = ['queued', 'running'];
export const isActive = (run: RunRecord) => ACTIVE.includes(run.status);

const sizeOf = (result: JobResult | null) =>
  result ? result.json.byteLength + result.csv.byteLength + (result.geojson?.byteLength ?? 0) + (result.raster?.values.byteLength ?? 0) : 0;

/**
 * The runs of this server instance, in memory: a run is computed by the instance that
 * accepted it (its worker threads), and its result stays here for RESULT_TTL_MS. Bounds how
 * many runs are queued or running at once, in all and per user, so that a burst of requests
 * queues a few and refuses the rest (429) instead of exhausting memory.
 */
export class RunRegistry {
  readonly #runs = new Map<string, RunRecord>();
  readonly #sweep: NodeJS.Timeout;

  constructor(private readonly limits: { maxRuns: number; runsPerUser: number }) {
    this.#sweep = setInterval(() => this.#expire(), 60_000);
    this.#sweep.unref();
  }

  create(ownerUserId: string, statistic: Statistic, projection: Projection | null): RunRecord {
    const active = [...this.#runs.values()].filter(isActive);
    if (active.filter((r) => r.ownerUserId === ownerUserId).length >= this.limits.runsPerUser) {
      throw new AppError('TOO_MANY_REQUESTS', { seconds: 10 }, [{ path: '-', code: 'analytics.too_many_runs_per_user', params: { limit: this.limits.runsPerUser } }], { retryAfterSeconds: 10 });
    }
    if (active.length >= this.limits.maxRuns) {
      throw new AppError('TOO_MANY_REQUESTS', { seconds: 30 }, [{ path: '-', code: 'analytics.too_many_runs', params: { limit: this.limits.maxRuns } }], { retryAfterSeconds: 30 });
    }
    const run: RunRecord = {
      id: randomUUID(),
      ownerUserId,
      statistic,
      createdAt: new Date(),
      status: 'queued',
      stage: 'queued',
      fraction: 0,
      finishedAt: null,
      selectingAt: null,
      computingAt: null,
      finishedAtMs: null,
      incidents: 0,
      restricted: { AMBER: 0, 'AMBER+STRICT': 0, RED: 0 },
      projection,
      error: null,
      result: null,
      abort: new AbortController(),
      listeners: new Set(),
    };
    this.#runs.set(run.id, run);
    return run;
  }

  /** The run if it exists and belongs to the user; others' runs are indistinguishable from missing ones. */
  find(ownerUserId: string, id: string): RunRecord | undefined {
    const run = this.#runs.get(id);
    return run && run.ownerUserId === ownerUserId ? run : undefined;
  }

  update(run: RunRecord, change: Partial<Pick<RunRecord, 'status' | 'stage' | 'fraction' | 'incidents' | 'restricted' | 'error' | 'result'>>): void {
    if (!isActive(run)) return; // a cancelled run stays cancelled whatever its worker says
    Object.assign(run, change);
    if (change.stage === 'selecting') run.selectingAt ??= performance.now();
    if (change.stage === 'computing') run.computingAt ??= performance.now();
    if (!isActive(run)) {
      run.finishedAt = new Date();
      run.finishedAtMs = performance.now();
      run.stage = 'done';
      run.fraction = run.status === 'succeeded' ? 1 : run.fraction;
      if (run.status !== 'succeeded') run.result = null;
      this.#keepWithinBudget(run);
    }
    for (const listener of [...run.listeners]) listener(run);
  }

  cancel(run: RunRecord): void {
    if (!isActive(run)) return;
    this.update(run, { status: 'cancelled' });
    run.abort.abort(new Error('cancelled'));
  }

  /** Cancels every active run (shutdown). */
  close(): void {
    clearInterval(this.#sweep);
    for (const run of this.#runs.values()) this.cancel(run);
  }

  get activeCount(): number {
    return [...this.#runs.values()].filter(isActive).length;
  }

  #expire(now = Date.now()): void {
    for (const [id, run] of this.#runs) if (run.finishedAt && now - run.finishedAt.getTime() > RESULT_TTL_MS) this.#runs.delete(id);
  }

  #keepWithinBudget(latest: RunRecord): void {
    let total = 0;
    for (const run of this.#runs.values()) total += sizeOf(run.result);
    const finished = [...this.#runs.values()].filter((r) => r.finishedAt && r !== latest).sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
    for (const run of finished) {
      if (total <= RESULT_BUDGET_BYTES) break;
      total -= sizeOf(run.result);
      this.#runs.delete(run.id);
    }
  }
}
