import { z } from 'zod';
import { ROLES } from '../../platform/db/schema.ts';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.ts';

export const CreateUserBody = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  locale: z.enum(['es', 'en', 'pt']).optional(),
  memberships: z.array(z.object({ orgId: z.uuid(), role: z.enum(ROLES) })).max(50).default([]),
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(['es', 'en', 'pt']).nullable(),
    isPlatformAdmin: z.boolean(),
    memberships: z.array(z.object({ orgId: z.uuid(), role: z.enum(ROLES) })),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;
