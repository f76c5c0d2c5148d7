import { z } from 'zod';

export const CreateSharingGroupBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  ownerOrgId: z.uuid(),
  memberOrgIds: z.array(z.uuid()).max(500).default([]),
});
export type CreateSharingGroupInput = z.infer<typeof CreateSharingGroupBody>;

export const SetGroupMembersBody = z.object({ memberOrgIds: z.array(z.uuid()).max(500) });

export const SharingGroup = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    ownerOrgId: z.uuid(),
    members: z.array(z.object({ orgId: z.uuid(), name: z.string(), country: z.string() })),
  })
  .meta({ id: 'SharingGroup', description: 'A task force: organisations, possibly across countries, that receive AMBER records shared with it.' });
export type SharingGroup = z.infer<typeof SharingGroup>;
