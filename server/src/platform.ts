import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { MODULES } from './modules/index.ts';
import { cleanupJob } from './modules/housekeeping/cleanup-job.ts';
import { startAuditChainer } from './platform/audit/chainer.ts';
import { openEngine, type Engine } from './platform/db/engine.ts';
import { migrate } from './platform/db/migrate.ts';
import { EventBus } from './platform/events/event-bus.ts';
import { buildApp } from './platform/http/build-app.ts';
import type { AppContext, RouteModule, ZodApp } from './platform/http/context.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';

export interface Platform {
  ctx: AppContext;
  app: ZodApp;
  /** Stops taking requests, lets in-flight ones finish, then stops jobs and the database. */
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** An engine opened by the caller (tests share a migrated template this way). */
  engine?: Engine;
  migrate?: boolean;
  /** Routes added after the domain modules' (tests use this for instrumented endpoints). */
  extraModules?: RouteModule[];
}

export async function startPlatform(config: Config, logger: Logger, options: PlatformOptions = {}): Promise<Platform> {
  const engine =
    options.engine ??
    (await openEngine(config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize } : config.database));
  if (options.migrate !== false) {
    const applied = await migrate(engine.db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const events = new EventBus(engine);
  await events.start();
  const jobs = new JobQueue(engine, (err) => logger.error({ err }, 'job queue error'));
  const ctx: AppContext = { config, engine, db: engine.db, events, jobs, logger };
  const cleanup = cleanupJob(engine.db);
  jobs.define(cleanup);
  if (config.jobs) {
    await jobs.start();
    await jobs.send(cleanup, { reason: 'start-up' });
  }
  const stopChainer = startAuditChainer(engine.db, (err) => logger.error({ err }, 'audit chaining failed'));
  const app = await buildApp(ctx, [...MODULES, ...(options.extraModules ?? [])]);
  await app.ready();
  return {
    ctx,
    app,
    async stop() {
      await app.close();
      await jobs.stop();
      await stopChainer();
      await events.stop();
      await engine.close();
    },
  };
}
