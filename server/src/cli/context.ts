import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { openEngine } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';
import { chainPending } from '../platform/audit/chainer.ts';
import type { AppContext } from '../platform/http/context.ts';
import { createContext } from '../platform.ts';
import { createLogger } from '../platform/logging/logger.ts';

/** A platform context without HTTP or workers, for one CLI command. */
export async function withCliContext<T>(fn: (ctx: AppContext) => Promise<T>, config: Config = loadConfig()): Promise<T> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', undefined);
  const engine = await openEngine(config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : config.database);
  try {
    await migrate(engine.db);
    const ctx = createContext(config, engine, logger, { cachePrincipals: false });
    const result = await fn(ctx);
    // Entries written by the command are chained now rather than by the next server start.
    while ((await chainPending(engine.db)) > 0);
    return result;
  } finally {
    await engine.close();
  }
}
