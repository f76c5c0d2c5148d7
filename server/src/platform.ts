import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { MODULES } from './modules/index.ts';
import { cleanupJob } from './modules/housekeeping/cleanup-job.ts';
import { importJob } from './modules/imports/import-job.ts';
import { credentialsLogMessage } from './modules/demo/announce.ts';
import { demoAccountsExist, seedDemoWorld, type DemoWorld } from './modules/demo/service.ts';
import { finishDemoImport } from './modules/demo/incidents.ts';
import { requeueStalledImports } from './modules/imports/requeue-stalled.ts';
import { ProofOfWork } from './platform/anonymity/proof-of-work.ts';
import { systemActor } from './platform/auth/actor.ts';
import { platformSecret } from './platform/auth/secrets.ts';
import { ReadAuditLog } from './platform/audit/audit-log.ts';
import { startAuditChainer } from './platform/audit/chainer.ts';
import { PrincipalCache } from './platform/auth/principal-cache.ts';
import { openEngine, type Engine } from './platform/db/engine.ts';
import { migrate } from './platform/db/migrate.ts';
import { EventBus } from './platform/events/event-bus.ts';
import { OperationsFeed } from './platform/feed/operations-feed.ts';
import { buildApp } from './platform/http/build-app.ts';
import type { AppContext, RouteModule, ZodApp } from './platform/http/context.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';

export interface Platform {
  ctx: AppContext;
  app: ZodApp;
  /** The demo world when this start created it (config.demo on an empty database), else null. */
  demoWorld: DemoWorld | null;
  /** The demo incidents' import when this start runs it (config.demo): its final state. */
  demoImport: Promise<string> | null;
  /** Stops taking requests, lets in-flight ones finish, then stops jobs and the database. */
  stop(): Promise<void>;
}

/** The platform services for one engine; events and jobs are started by the caller if needed. */
export function createContext(config: Config, engine: Engine, logger: Logger, options: { cachePrincipals?: boolean } = {}): AppContext {
  const events = new EventBus(engine);
  return {
    config,
    engine,
    db: engine.db,
    events,
    jobs: new JobQueue(engine, (err) => logger.error({ err }, 'job queue error')),
    logger,
    readAudit: new ReadAuditLog(engine.db),
    principals: new PrincipalCache(options.cachePrincipals === false ? 0 : undefined),
    proofOfWork: new ProofOfWork(config.proofOfWorkBits, () => platformSecret(engine.db, 'proof-of-work')),
    feed: new OperationsFeed(engine, events, (err) => logger.error({ err }, 'operations feed error')),
  };
}

export interface PlatformOptions {
  /** An engine opened by the caller (tests share a migrated template this way). */
  engine?: Engine;
  migrate?: boolean;
  /** false: no background hash-chaining (tests of the chain drive `chainPending` themselves). */
  auditChainer?: boolean;
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
  const ctx = createContext(config, engine, logger);
  const demoWorld = config.demo ? await seedDemoWorld(ctx, systemActor()) : null;
  if (demoWorld) logger.info({ accounts: demoWorld.accounts.map((a) => a.email) }, credentialsLogMessage(demoWorld));
  else if (config.env === 'production' && (await demoAccountsExist(ctx))) {
    logger.warn('the demo accounts (@demo.alianza.example, published password) exist in this production database: disable or delete them');
  }
  const { events, jobs, feed } = ctx;
  await events.start();
  ctx.principals.follow(events);
  await feed.start();
  const cleanup = cleanupJob(engine.db, { feedRetentionDays: config.feed.retentionDays });
  jobs.define(cleanup);
  let housekeeping: NodeJS.Timeout | null = null;
  jobs.define(importJob(ctx));
  if (config.jobs) {
    await jobs.start();
    await jobs.send(cleanup, { reason: 'start-up' });
    const requeue = () => void requeueStalledImports(ctx).catch((err) => logger.error({ err }, 'stalled imports not queued again'));
    requeue();
    // Feed retention counts in days: an hourly round keeps it within the hour on long-running servers.
    housekeeping = setInterval(() => {
      void jobs.send(cleanup, { reason: 'hourly' }).catch((err) => logger.error({ err }, 'housekeeping not scheduled'));
      requeue();
    }, 3_600_000);
    housekeeping.unref();
  }
  // The demo incidents import in the background: the server answers meanwhile, a stop leaves it resumable.
  const demoImportStop = new AbortController();
  const demoImport = config.demo
    ? finishDemoImport(ctx, demoImportStop.signal).catch((err) => {
        logger.error({ err }, 'demo incidents not imported');
        return 'failed';
      })
    : null;
  const stopChainer =
    options.auditChainer === false ? async () => {} : startAuditChainer(engine.db, (err) => logger.error({ err }, 'audit chaining failed'));
  const app = await buildApp(ctx, [...MODULES, ...(options.extraModules ?? [])]);
  await app.ready();
  return {
    ctx,
    app,
    demoWorld,
    demoImport,
    async stop() {
      demoImportStop.abort();
      await demoImport;
      if (housekeeping) clearInterval(housekeeping);
      await app.close();
      await jobs.stop();
      await stopChainer();
      await feed.stop();
      await events.stop();
      await engine.close();
    },
  };
}
