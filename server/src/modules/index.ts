import type { RouteModule } from '../platform/http/context.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { challengeRoutes } from './challenge/routes.ts';
import { conductRoutes } from './conduct/routes.ts';
import { correlationRoutes } from './correlation/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';
import { intelRoutes } from './intel/routes.ts';
import { graphRoutes } from './graph/routes.ts';
import { importProfileRoutes, importRunRoutes } from './imports/routes.ts';
import { jurisdictionRoutes } from './jurisdictions/routes.ts';
import { noteRoutes } from './notes/routes.ts';
import { open311Routes } from './open311/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { publicConfigRoutes } from './public-config/routes.ts';
import { reportCategoryRoutes } from './report-categories/routes.ts';
import { routingRoutes } from './routing/routes.ts';
import { sharingGroupRoutes } from './sharing-groups/routes.ts';
import { triageRoutes } from './triage/routes.ts';
import { tipRoutes } from './tips/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { unsafePlaceRoutes } from './unsafe-places/routes.ts';
import { userRoutes } from './users/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { operationsRoutes } from './operations/routes.ts';
import { bulletinRoutes } from './bulletins/routes.ts';

/** Every domain module's routes, registered in this order. */
export const MODULES: RouteModule[] = [
  authRoutes,
  userRoutes,
  organizationRoutes,
  tokenRoutes,
  sharingGroupRoutes,
  noteRoutes,
  incidentRoutes,
  auditRoutes,
  tipRoutes,
  unsafePlaceRoutes,
  open311Routes,
  conductRoutes,
  challengeRoutes,
  attachmentRoutes,
  routingRoutes,
  reportCategoryRoutes,
  triageRoutes,
  jurisdictionRoutes,
  publicConfigRoutes,
  operationsRoutes,
  bulletinRoutes,
  intelRoutes,
  importProfileRoutes,
  analyticsRoutes,
  correlationRoutes,
  graphRoutes,
  importRunRoutes,
];
