import type { Executor } from '../../platform/audit/audit-log.ts';
import type { ProfileInput } from './schemas.ts';

const columns = ['id', 'owner_org_id', 'name', 'settings', 'source', 'tlp', 'sharing_group_ids', 'recipient_user_ids', 'created_by', 'created_at', 'updated_at'] as const;

export const listProfiles = (db: Executor, orgIds: string[]) =>
  orgIds.length === 0 ? Promise.resolve([]) : db.selectFrom('import_profiles').select(columns).where('owner_org_id', 'in', orgIds).orderBy('name').execute();

export const findProfile = (db: Executor, id: string) => db.selectFrom('import_profiles').select(columns).where('id', '=', id).executeTakeFirst();

export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

const values = (input: ProfileInput) => ({
  name: input.name,
  settings: JSON.stringify(input.settings),
  source: input.source,
  tlp: input.tlp,
  sharing_group_ids: input.sharingGroupIds,
  recipient_user_ids: input.recipientUserIds,
});

export const insertProfile = (db: Executor, ownerOrgId: string, userId: string, input: ProfileInput) =>
  db.insertInto('import_profiles').values({ ...values(input), owner_org_id: ownerOrgId, created_by: userId }).returning(columns).executeTakeFirstOrThrow();

export const updateProfile = (db: Executor, id: string, input: ProfileInput) =>
  db.updateTable('import_profiles').set({ ...values(input), updated_at: new Date() }).where('id', '=', id).returning(columns).executeTakeFirst();

export const deleteProfile = (db: Executor, id: string) => db.deleteFrom('import_profiles').where('id', '=', id).execute();
