import { commonErrors } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { Neighbourhood, NeighbourhoodQuery, Paths, PathsQuery } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['intelligence'];

export const graphRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/intel/graph/neighbourhood',
    {
      schema: {
        tags,
        summary: 'Entities and links within a depth of one or several entities, through what the caller may see',
        querystring: NeighbourhoodQuery,
        response: { 200: Neighbourhood, ...errors },
      },
    },
    async (request) => service.neighbourhood(ctx, request.actor, request.query),
  );
  app.get(
    '/api/v1/intel/graph/paths',
    {
      schema: {
        tags,
        summary: 'Shortest paths between two entities through entities and links the caller may see',
        querystring: PathsQuery,
        response: { 200: Paths, ...errors },
      },
    },
    async (request) => service.paths(ctx, request.actor, request.query),
  );
};
