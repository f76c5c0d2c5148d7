import type { Logger } from 'pino';
import { loadConfig } from './config.ts';
import { MODULES } from './modules/index.ts';
import { buildApp } from './platform/http/build-app.ts';
import type { AppContext } from './platform/http/context.ts';
import { createLogger } from './platform/logging/logger.ts';

/**
 * The OpenAPI document of the API, built from the route schemas without a database: route
 * handlers and hooks never run here, so only configuration and a logger are needed.
 */
export async function openApiDocument(logger: Logger = createLogger('silent')): Promise<Record<string, unknown>> {
  const ctx = { config: loadConfig({}), logger } as AppContext;
  const app = await buildApp(ctx, MODULES);
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}
