import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db, Engine } from '../db/engine.ts';
import type { ReadAuditLog } from '../audit/audit-log.ts';
import type { ProofOfWork } from '../anonymity/proof-of-work.ts';
import type { PrincipalCache } from '../auth/principal-cache.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { OperationsFeed } from '../feed/operations-feed.ts';
import type { JobQueue } from '../jobs/job-queue.ts';

/** What services need from the platform; passed explicitly, never imported as a global. */
export interface AppContext {
  config: Config;
  engine: Engine;
  db: Db;
  events: EventBus;
  jobs: JobQueue;
  logger: Logger;
  /** Group-committed audit entries of restricted reads. */
  readAudit: ReadAuditLog;
  /** Short-lived cache of who is behind sessions and tokens. */
  principals: PrincipalCache;
  /** Optional proof of work asked of anonymous submissions (off unless configured). */
  proofOfWork: ProofOfWork;
  /** The operations feed: durable, commit-ordered events behind the live operations stream. */
  feed: OperationsFeed;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A domain module's HTTP routes. */
export type RouteModule = (app: ZodApp, ctx: AppContext) => void;
