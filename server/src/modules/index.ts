import type { RouteModule } from '../platform/http/context.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { jurisdictionRoutes } from './jurisdictions/routes.ts';
import { noteRoutes } from './notes/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { publicConfigRoutes } from './public-config/routes.ts';
import { routingRoutes } from './routing/routes.ts';
import { sharingGroupRoutes } from './sharing-groups/routes.ts';
import { tipRoutes } from './tips/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { userRoutes } from './users/routes.ts';

/** Every domain module's routes, registered in this order. */
export const MODULES: RouteModule[] = [
  authRoutes,
  userRoutes,
  organizationRoutes,
  tokenRoutes,
  sharingGroupRoutes,
  noteRoutes,
  auditRoutes,
  tipRoutes,
  attachmentRoutes,
  routingRoutes,
  jurisdictionRoutes,
  publicConfigRoutes,
];
