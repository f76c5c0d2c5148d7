import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { JobFailure, type JobExecutor } from './executor.ts';
import type { Job, JobResult, PolygonUnits, RasterForTiles } from './job.ts';
import { assertMayAnalyse } from './policy.ts';
import { WorkerPool } from './worker-pool.ts';
import { prepareRun, type PreparedRun } from './prepare-run.ts';
import * as q from './queries.ts';
import { isActive, RunRegistry, type RestrictedCounts, type RunError, type RunRecord } from './run-registry.ts';
import type { CreateRunInput, Run } from './schemas.ts';

export const ANALYSIS_RUN = 'analysis_run';

interface Analytics {
  runs: RunRegistry;
  executor: JobExecutor;
}

const instances = new WeakMap<AppContext, Analytics>();

/** The runs and the worker threads of this app instance (created on first use). */
export function analyticsOf(ctx: AppContext): Analytics {
  let analytics = instances.get(ctx);
  if (!analytics) {
    analytics = { runs: new RunRegistry(ctx.config.analytics), executor: new WorkerPool(ctx.config.analytics.workers) };
    instances.set(ctx, analytics);
  }
  return analytics;
}

/** Cancels the active runs and stops the executor (server shutdown). */
export async function closeAnalytics(ctx: AppContext): Promise<void> {
  const analytics = instances.get(ctx);
  if (!analytics) return;
  instances.delete(ctx);
  analytics.runs.close();
  await analytics.executor.close();
}

/** Starts a run: everything refusable is refused now (400/403/429); the work goes on after the answer. */
export async function startRun(ctx: AppContext, actor: Actor, input: CreateRunInput, locale: Locale): Promise<Run> {
  assertMayAnalyse(actor);
  const prepared = await prepareRun(ctx, actor, input);
  const analytics = analyticsOf(ctx);
  const run = analytics.runs.create(actor.userId, input.statistic, prepared.projection);
  void execute(ctx, actor, analytics, run, prepared);
  return toRun(run, locale);
}

function findRun(ctx: AppContext, actor: Actor, id: string): RunRecord {
  assertMayAnalyse(actor);
  const run = analyticsOf(ctx).runs.find(actor.userId, id);
  if (!run) throw notFound(ANALYSIS_RUN);
  return run;
}

export const getRun = (ctx: AppContext, actor: Actor, id: string, locale: Locale): Run => toRun(findRun(ctx, actor, id), locale);

export function cancelRun(ctx: AppContext, actor: Actor, id: string, locale: Locale): Run {
  const run = findRun(ctx, actor, id);
  analyticsOf(ctx).runs.cancel(run);
  return toRun(run, locale);
}

/**
 * Follows a run: `listener` gets the run now and on every change. The returned function stops
 * following; when the last follower of a run still in progress leaves, the run is cancelled
 * (nobody is waiting for it any more).
 */
export function followRun(ctx: AppContext, actor: Actor, id: string, locale: Locale, listener: (run: Run) => void): () => void {
  const run = findRun(ctx, actor, id);
  const notify = (r: RunRecord) => listener(toRun(r, locale));
  run.listeners.add(notify);
  notify(run);
  return () => {
    run.listeners.delete(notify);
    if (run.listeners.size === 0 && isActive(run)) analyticsOf(ctx).runs.cancel(run);
  };
}

export type ResultFormat = 'json' | 'csv' | 'geojson';

/** A finished run's output in one of its formats (409 while it is not finished, 404 for a format it has not). */
export function runOutput(ctx: AppContext, actor: Actor, id: string, format: ResultFormat): { body: Uint8Array; run: RunRecord } {
  const run = findRun(ctx, actor, id);
  const result = finishedResult(run);
  const body = format === 'json' ? result.json : format === 'csv' ? result.csv : result.geojson;
  if (!body) throw notFound(`${ANALYSIS_RUN}.${format}`);
  return { body, run };
}

export function finishedResult(run: RunRecord): JobResult {
  if (run.status !== 'succeeded' || !run.result) throw new AppError('ANALYSIS_NOT_FINISHED', { status: run.status }, [{ path: 'id', code: `analytics.run_${run.status}` }]);
  return run.result;
}

/** The density raster of a finished KDE run, for its heat tiles (404 for other statistics). */
export function heatRaster(ctx: AppContext, actor: Actor, id: string): RasterForTiles {
  const raster = finishedResult(findRun(ctx, actor, id)).raster;
  if (!raster) throw notFound(`${ANALYSIS_RUN}.tiles`);
  return raster;
}

export function toRun(run: RunRecord, locale: Locale): Run {
  const base = `/api/v1/analytics/runs/${run.id}`;
  const spatial = run.statistic !== 'knox' && run.statistic !== 'trends';
  return {
    id: run.id,
    statistic: run.statistic,
    status: run.status,
    progress: { stage: run.stage, fraction: Math.round(run.fraction * 1000) / 1000 },
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    incidents: run.incidents,
    restricted: run.restricted,
    projection: run.projection,
    error: run.error ? { code: run.error.code, message: translate(run.error.code, locale, run.error.params) } : null,
    timings: {
      selectionMs: run.selectingAt !== null && run.computingAt !== null ? Math.round(run.computingAt - run.selectingAt) : null,
      computationMs: run.computingAt !== null && run.finishedAtMs !== null ? Math.round(run.finishedAtMs - run.computingAt) : null,
    },
    links: {
      self: base,
      stream: `${base}/stream`,
      result: `${base}/result`,
      csv: `${base}/result.csv`,
      geojson: spatial ? `${base}/result.geojson` : null,
      tiles: run.statistic === 'kde' ? `${base}/tiles/{z}/{x}/{y}.png` : null,
    },
  };
}

function countRestricted(rows: readonly q.PointRow[]): RestrictedCounts {
  const counts: RestrictedCounts = { AMBER: 0, 'AMBER+STRICT': 0, RED: 0 };
  for (const row of rows) if (row.tlp in counts) counts[row.tlp as keyof RestrictedCounts]++;
  return counts;
}

/** What the audit entry says was asked: inline polygons are described, not copied. */
function auditedRequest(input: CreateRunInput): Record<string, unknown> {
  const selection: Record<string, unknown> = { ...input.selection };
  if (input.selection.area?.kind === 'polygon') selection.area = { kind: 'polygon', type: input.selection.area.geometry.type };
  const parameters: Record<string, unknown> = { ...input.parameters };
  if ('units' in input.parameters && input.parameters.units.kind === 'polygons') {
    parameters.units = { kind: 'polygons', features: input.parameters.units.features.features.length, weights: input.parameters.units.weights };
  }
  return { statistic: input.statistic, selection, parameters };
}

async function execute(ctx: AppContext, actor: Actor, analytics: Analytics, run: RunRecord, prepared: PreparedRun): Promise<void> {
  const { runs, executor } = analytics;
  const seconds = Math.round(ctx.config.analytics.timeoutMs / 1000);
  const timer = setTimeout(() => {
    if (!isActive(run)) return;
    runs.update(run, { status: 'failed', error: { code: 'analytics.timeout', params: { seconds } } });
    run.abort.abort(new Error('timeout'));
  }, ctx.config.analytics.timeoutMs);
  timer.unref();
  try {
    const job = async () => {
      runs.update(run, { status: 'running', stage: 'selecting' });
      const rows = await q.selectPoints(ctx.db, actor, prepared.filter, prepared.categoryDigits);
      run.abort.signal.throwIfAborted();
      if (rows.length === 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'selection', code: 'analytics.empty_selection' }]);
      const restricted = countRestricted(rows);
      runs.update(run, { incidents: rows.length, restricted });
      // One entry per analysis that read restricted incidents, before anything derived from them leaves.
      if (restricted.AMBER + restricted['AMBER+STRICT'] + restricted.RED > 0) {
        await appendAudit(ctx.db, actor, [
          { action: 'analyse', recordType: 'incident', recordId: null, diff: { run: run.id, ...auditedRequest(prepared.input), incidents: rows.length, restricted } },
        ]);
      }
      const built = await buildJob(ctx, actor, run, prepared, rows);
      run.abort.signal.throwIfAborted();
      runs.update(run, { stage: 'computing', fraction: 0 });
      return built;
    };
    const result = await executor.run(job, (stage, fraction) => runs.update(run, { stage, fraction }), run.abort.signal);
    runs.update(run, { status: 'succeeded', result });
  } catch (err) {
    if (run.abort.signal.aborted) return; // cancelled or timed out: the run says so already
    runs.update(run, { status: 'failed', error: runErrorOf(ctx, run, err) });
  } finally {
    clearTimeout(timer);
  }
}

/** The analytics package's refusals, as catalog keys. */
const FAILURES: Record<string, string> = {
  EMPTY_INPUT: 'analytics.nothing_to_analyse',
  BAD_INPUT: 'analytics.no_variation',
  TOO_LARGE: 'analytics.too_large_in_run',
  INVALID_ARGUMENT: 'analytics.invalid_argument',
  LENGTH_MISMATCH: 'analytics.invalid_argument',
};

function runErrorOf(ctx: AppContext, run: RunRecord, err: unknown): RunError {
  if (err instanceof JobFailure && FAILURES[err.code]) return { code: FAILURES[err.code]!, params: { detail: err.message } };
  if (err instanceof AppError) {
    const field = err.fields[0];
    return field ? { code: field.code, params: field.params ?? {} } : { code: err.code, params: err.params };
  }
  ctx.logger.error({ err, run: run.id }, 'analysis failed');
  return { code: 'INTERNAL', params: { requestId: run.id } };
}

async function buildJob(ctx: AppContext, actor: Actor, run: RunRecord, prepared: PreparedRun, rows: q.PointRow[]): Promise<Job> {
  const n = rows.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const day = new Int32Array(n);
  const input = prepared.input;
  const trends = input.statistic === 'trends';
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    lon[i] = row.lon ?? Number.NaN;
    lat[i] = row.lat ?? Number.NaN;
    day[i] = row.day;
  }
  let areaNames: Record<string, string> = {};
  if (input.statistic === 'trends' && input.parameters.byArea) {
    const ids = [...new Set(rows.map((r) => r.area).filter((a): a is string => a !== null))];
    areaNames = Object.fromEntries(await q.organisationNames(ctx.db, ids));
  }
  return {
    runId: run.id,
    request: prepared.input,
    projection: prepared.projection,
    points: {
      lon,
      lat,
      day,
      category: trends ? rows.map((r) => r.category ?? '') : null,
      area: trends ? rows.map((r) => r.area ?? '') : null,
    },
    grid: prepared.grid,
    areaRings: prepared.areaRings,
    windows: prepared.windows,
    observedDays: prepared.observedDays,
    units: prepared.polygons ? await polygonUnits(ctx, actor, prepared) : null,
    areaNames,
  };
}

/** Counts per polygon and contiguity, computed by PostGIS over the same selection. */
async function polygonUnits(ctx: AppContext, actor: Actor, prepared: PreparedRun): Promise<PolygonUnits> {
  const polygons = prepared.polygons!;
  const facts = await q.polygonCounts(ctx.db, actor, prepared.filter, polygons.geojsons);
  const neighbours = polygons.weights.kind === 'contiguity' ? await q.polygonContiguity(ctx.db, polygons.geojsons, polygons.weights.contiguity) : null;
  return {
    ids: polygons.ids,
    names: polygons.names,
    geometries: polygons.geometries,
    counts: Float64Array.from(facts.counts),
    neighbours,
    centroids: { lon: Float64Array.from(facts.centroids, (c) => c.lon), lat: Float64Array.from(facts.centroids, (c) => c.lat) },
  };
}
