import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './platform/logging/logger.ts';
import { credentialsBlock } from './modules/demo/announce.ts';
import { startPlatform } from './platform.ts';

/** `alianza serve`: the HTTP server, stopped gracefully on SIGTERM or SIGINT. */
export async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const platform = await startPlatform(config, logger);
  await platform.app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.info({ engine: platform.ctx.engine.kind }, `Alianza listening on ${url}`);
  if (platform.demoWorld) process.stdout.write(`\n${credentialsBlock(platform.demoWorld, `${url}/login`)}\n`);

  const anyUser = await platform.ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    logger.info('No users yet. Create the first platform administrator with: ALIANZA_PASSWORD=... npx alianza admin create-user --email you@example.org --name "Your Name" --platform-admin');
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown grace period over; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    platform.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
