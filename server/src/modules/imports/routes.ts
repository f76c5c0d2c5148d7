import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import * as mappings from './category-mappings.ts';
import { EPSG_DEFINITIONS } from './crs/epsg-definitions.ts';
import * as profiles from './profiles.ts';
import { CategoryMapping, CategoryMappingsBody, CrsView, DeleteCategoryMappingsBody, ImportProfileView, OrgQuery, ProfileBody } from './schemas.ts';

const tags = ['imports'];
const Params = z.object({ id: z.uuid() });
const MappingList = z.object({ items: z.array(CategoryMapping) });

export const importProfileRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/import-profiles',
    { schema: { tags, summary: "Import profiles of the caller's organisations (or of one)", querystring: OrgQuery, response: { 200: z.object({ items: z.array(ImportProfileView) }), ...commonErrors } } },
    async (request) => ({ items: await profiles.listProfiles(ctx, request.actor, request.query.orgId) }),
  );
  app.post(
    '/api/v1/import-profiles',
    { schema: { tags, summary: 'Save an import profile (writers of the organisation)', body: ProfileBody, response: { 201: ImportProfileView, 409: ErrorBody, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await profiles.createProfile(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'An import profile', params: Params, response: { 200: ImportProfileView, ...commonErrors } } },
    async (request) => profiles.getProfile(ctx, request.actor, request.params.id),
  );
  app.put(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'Replace an import profile (imports already started keep the old one)', params: Params, body: ProfileBody, response: { 200: ImportProfileView, 409: ErrorBody, ...commonErrors } } },
    async (request) => profiles.updateProfile(ctx, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/import-profiles/:id',
    { schema: { tags, summary: 'Delete an import profile (past imports keep its name)', params: Params, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      await profiles.deleteProfile(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/category-mappings',
    { schema: { tags, summary: "An organisation's own categories and the ICCS code of each", querystring: OrgQuery, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.listMappings(ctx, request.actor, request.query.orgId) }),
  );
  app.put(
    '/api/v1/category-mappings',
    { schema: { tags, summary: 'Add or change category mappings (writers of the organisation)', body: CategoryMappingsBody, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.putMappings(ctx, request.actor, request.body) }),
  );
  app.delete(
    '/api/v1/category-mappings',
    { schema: { tags, summary: 'Remove category mappings', body: DeleteCategoryMappingsBody, response: { 200: MappingList, ...commonErrors } } },
    async (request) => ({ items: await mappings.deleteMappings(ctx, request.actor, request.body) }),
  );
  app.get(
    '/api/v1/crs',
    { schema: { tags, summary: 'Coordinate reference systems imports can reproject from (EPSG), with their areas of use', response: { 200: z.object({ items: z.array(CrsView) }) } } },
    async () => ({ items: EPSG_DEFINITIONS.map((d) => ({ code: `EPSG:${d.code}`, name: d.name, area: d.area, geographic: d.geographic })) }),
  );
};
