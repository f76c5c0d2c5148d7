import type { Executor } from '../../platform/audit/audit-log.ts';
import type { ReportChannel } from '../../platform/db/schema.ts';

const columns = ['code', 'channel', 'iccs_code', 'name_es', 'name_en', 'name_pt', 'description_es', 'description_en', 'description_pt', 'active'] as const;

export const listCategories = (db: Executor, channel?: ReportChannel) => {
  let query = db.selectFrom('report_categories').select(columns);
  if (channel) query = query.where('channel', '=', channel);
  return query.orderBy('channel').orderBy('code').execute();
};

export const findCategory = (db: Executor, code: string) => db.selectFrom('report_categories').select(columns).where('code', '=', code).forUpdate().executeTakeFirst();

export type CategoryRow = NonNullable<Awaited<ReturnType<typeof findCategory>>>;

export const insertCategory = (db: Executor, row: Omit<CategoryRow, 'active'>) => db.insertInto('report_categories').values(row).execute();

export const updateCategory = (db: Executor, code: string, patch: Partial<Omit<CategoryRow, 'code' | 'channel'>>) =>
  db.updateTable('report_categories').set(patch).where('code', '=', code).execute();

/** Whether the ICCS section (first two digits) of a code is in the reference table. */
export const iccsSectionExists = async (db: Executor, code: string) =>
  Boolean(await db.selectFrom('iccs_categories').select('code').where('code', '=', code.slice(0, 2)).executeTakeFirst());
