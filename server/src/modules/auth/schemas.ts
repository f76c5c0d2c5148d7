import { z } from 'zod';
import { ORG_TYPES, ROLES } from '../../platform/db/schema.ts';

export const LoginBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

export const SessionView = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      displayName: z.string(),
      locale: z.enum(['es', 'en', 'pt']).nullable(),
      isPlatformAdmin: z.boolean(),
    }),
    memberships: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), orgType: z.enum(ORG_TYPES), role: z.enum(ROLES) })),
    csrfToken: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof SessionView>;
