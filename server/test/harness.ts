import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../src/config.ts';
import { openEngine, type Engine } from '../src/platform/db/engine.ts';
import type { RouteModule } from '../src/platform/http/context.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { startPlatform, type Platform } from '../src/platform.ts';
import { adminQuery, databaseUrl, PGLITE_TEMPLATE, templateDatabaseName, testEngineKind } from './template.ts';

export interface TestDatabase {
  /** Opens another engine on the same database (PostgreSQL only: a second server instance). */
  url: string | null;
  engine: Engine;
  drop(): Promise<void>;
}

/** A fresh copy of the migrated template, private to the calling test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngineKind() === 'postgres') {
    const name = `alz_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await adminQuery(`create database ${name} template ${templateDatabaseName()}`);
    const url = databaseUrl(name);
    const engine = await openEngine({ kind: 'postgres', url, poolSize: 10 });
    return {
      url,
      engine,
      async drop() {
        await engine.close().catch(() => {});
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const engine = await openEngine({ kind: 'pglite', loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
  return { url: null, engine, drop: () => engine.close().catch(() => {}) };
}

/** Collects log lines so tests can assert what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', ALIANZA_JOBS: 'false', LOG_LEVEL: 'info' });
  return { ...base, database: { kind: 'pglite', dataDir: '/nonexistent' }, ...overrides };
}

export interface TestPlatform extends Platform {
  db: TestDatabase;
  logs: LogCapture;
}

/** A platform on its own database copy, with the given extra routes (e.g. a slow test route). */
export async function startTestPlatform(
  options: { config?: Partial<Config>; db?: TestDatabase; extraModules?: RouteModule[]; auditChainer?: boolean } = {},
): Promise<TestPlatform> {
  const db = options.db ?? (await createTestDatabase());
  const logs = new LogCapture();
  const platform = await startPlatform(testConfig(options.config), createLogger('info', logs), {
    engine: db.engine,
    migrate: false,
    ...(options.auditChainer === false ? { auditChainer: false } : {}),
    ...(options.extraModules ? { extraModules: options.extraModules } : {}),
  });
  return {
    ...platform,
    db,
    logs,
    async stop() {
      await platform.stop();
      await db.drop();
    },
  };
}
