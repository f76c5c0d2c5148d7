import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES } from './platform/i18n/locale.ts';

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The repository root (config.ts lives in server/src/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const httpUrl = z.string().regex(/^https?:\/\/[^/{}\s]+(\/\S*)?$/, 'must be an http(s) URL whose host has no placeholders');

/** Every setting comes from the environment; names are the contract in the README. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  ALIANZA_DATA_DIR: z.string().min(1).default('./data'),
  ALIANZA_DEFAULT_LOCALE: z.enum(LOCALES).default('es'),
  ALIANZA_SESSION_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  ALIANZA_COOKIE_SECURE: boolean.optional(),
  ALIANZA_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  ALIANZA_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  ALIANZA_ATTACHMENTS_PER_REPORT: z.coerce.number().int().min(0).max(100).default(10),
  ALIANZA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  ALIANZA_JOBS: boolean.default(true),
  ALIANZA_WEB_DIR: z.string().min(1).optional(),
  ALIANZA_TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$/, 'must be a comma-separated list of proxy addresses or CIDR ranges')
    .optional(),
  ALIANZA_MAP_TILE_URL: httpUrl.optional(),
  ALIANZA_MAP_TILE_ATTRIBUTION: z.string().min(1).max(500).optional(),
  ALIANZA_DEMO: boolean.optional(),
  ALIANZA_TIP_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
  ALIANZA_TIP_ACCESSES_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(30),
  ALIANZA_PUBLIC_LOCATION_PRECISION_M: z.coerce.number().int().min(10).max(10_000).default(100),
  ALIANZA_PROOF_OF_WORK_BITS: z.coerce.number().int().min(0).max(30).default(0),
  ALIANZA_FEED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  ALIANZA_STREAM_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(25),
  ALIANZA_CORRELATION_COMMON_THRESHOLD: z.coerce.number().int().min(2).max(1_000_000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALIANZA_ANALYTICS_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  ALIANZA_ANALYTICS_MAX_RUNS: z.coerce.number().int().min(1).max(1000).default(8),
  ALIANZA_ANALYTICS_RUNS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  ALIANZA_ANALYTICS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  defaultLocale: (typeof LOCALES)[number];
  sessionHours: number;
  cookieSecure: boolean;
  bodyLimitBytes: number;
  /** Images residents attach to reports: largest upload, and how many a report may have. */
  attachments: { maxBytes: number; perReport: number };
  shutdownGraceMs: number;
  jobs: boolean;
  logLevel: string;
  /** Reverse proxies whose X-Forwarded-For is believed (login throttling keys on the client). */
  trustedProxies: string[];
  /** Built web application served at / when the folder exists. */
  webDistDir: string;
  /** Base map for the web application: a raster tile URL template and its attribution. */
  map: { tileUrl: string | null; tileAttribution: string | null };
  /** Seed the fictional demo world into an empty embedded database at start. */
  demo: boolean;
  /** Anonymous tips allowed per client address and hour (counted under an in-memory key). */
  tipLimits: { submissionsPerHour: number; accessesPerHour: number };
  /** Side of the grid cell, in metres, to which public outputs round report locations. */
  publicLocationPrecisionM: number;
  /** Leading zero bits anonymous submissions must prove (0: no proof of work). */
  proofOfWorkBits: number;
  /** Operations feed: days events are kept for replay; seconds between stream heartbeats. */
  feed: { retentionDays: number; heartbeatSeconds: number };
  /** Analysis runs: worker threads, runs queued or running at once (all users, one user), time limit. */
  analytics: { workers: number; maxRuns: number; runsPerUser: number; timeoutMs: number };
  /** An identifier held by more entities than this is flagged as too common instead of correlated. */
  correlationCommonThreshold: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.ALIANZA_DEMO === true && (c.DATABASE_URL || c.NODE_ENV === 'production')) {
    throw new ConfigError('Invalid configuration:\n  ALIANZA_DEMO: the demo world is only for the embedded database outside production (unset DATABASE_URL, NODE_ENV is not production)');
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: path.resolve(c.ALIANZA_DATA_DIR, 'pglite') },
    defaultLocale: c.ALIANZA_DEFAULT_LOCALE,
    sessionHours: c.ALIANZA_SESSION_HOURS,
    cookieSecure: c.ALIANZA_COOKIE_SECURE ?? c.NODE_ENV === 'production',
    bodyLimitBytes: c.ALIANZA_BODY_LIMIT_BYTES,
    attachments: { maxBytes: c.ALIANZA_ATTACHMENT_MAX_BYTES, perReport: c.ALIANZA_ATTACHMENTS_PER_REPORT },
    shutdownGraceMs: c.ALIANZA_SHUTDOWN_GRACE_MS,
    jobs: c.ALIANZA_JOBS,
    logLevel: c.LOG_LEVEL,
    trustedProxies: c.ALIANZA_TRUST_PROXY ? c.ALIANZA_TRUST_PROXY.split(',') : [],
    webDistDir: path.resolve(c.ALIANZA_WEB_DIR ?? path.join(REPO_ROOT, 'web', 'dist')),
    map: { tileUrl: c.ALIANZA_MAP_TILE_URL ?? null, tileAttribution: c.ALIANZA_MAP_TILE_ATTRIBUTION ?? null },
    // Never on a PostgreSQL server or in production; on by default in development on PGlite.
    demo: !c.DATABASE_URL && c.NODE_ENV !== 'production' && (c.ALIANZA_DEMO ?? c.NODE_ENV === 'development'),
    tipLimits: { submissionsPerHour: c.ALIANZA_TIP_SUBMISSIONS_PER_HOUR, accessesPerHour: c.ALIANZA_TIP_ACCESSES_PER_HOUR },
    publicLocationPrecisionM: c.ALIANZA_PUBLIC_LOCATION_PRECISION_M,
    proofOfWorkBits: c.ALIANZA_PROOF_OF_WORK_BITS,
    feed: { retentionDays: c.ALIANZA_FEED_RETENTION_DAYS, heartbeatSeconds: c.ALIANZA_STREAM_HEARTBEAT_SECONDS },
    analytics: {
      // One core is left to the HTTP server and the database (embedded PGlite runs in this process).
      workers: c.ALIANZA_ANALYTICS_WORKERS ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
      maxRuns: c.ALIANZA_ANALYTICS_MAX_RUNS,
      runsPerUser: c.ALIANZA_ANALYTICS_RUNS_PER_USER,
      timeoutMs: c.ALIANZA_ANALYTICS_TIMEOUT_SECONDS * 1000,
    },
    correlationCommonThreshold: c.ALIANZA_CORRELATION_COMMON_THRESHOLD,
  };
}
