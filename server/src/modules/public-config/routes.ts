import type { RouteModule } from '../../platform/http/context.ts';
import { PublicConfig } from './schemas.ts';
import * as service from './service.ts';

export const publicConfigRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/config',
    { schema: { tags: ['platform'], summary: 'Deployment settings for the web application (languages, demo, base map); public', response: { 200: PublicConfig } } },
    async (request) => service.publicConfig(ctx, request.actor),
  );
};
