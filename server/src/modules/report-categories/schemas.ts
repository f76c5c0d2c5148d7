import { z } from 'zod';
import { REPORT_CHANNELS } from '../../platform/db/schema.ts';

const Name = z.string().trim().min(1).max(120);
const Description = z.string().trim().min(1).max(500).nullable();
const IccsCode = z.string().regex(/^[0-9]{2,6}$/, 'category.iccs_format').nullable().describe('UNODC ICCS code (section and deeper levels), NULL when the category is not a crime');

export const ReportCategoryAdmin = z
  .object({
    code: z.string(),
    channel: z.enum(REPORT_CHANNELS),
    iccsCode: z.string().nullable(),
    names: z.object({ es: z.string(), en: z.string(), pt: z.string() }),
    descriptions: z.object({ es: z.string().nullable(), en: z.string().nullable(), pt: z.string().nullable() }),
    active: z.boolean(),
  })
  .meta({ id: 'ReportCategoryAdmin' });
export type ReportCategoryAdmin = z.infer<typeof ReportCategoryAdmin>;

export const CreateCategoryBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'category.code_format'),
    channel: z.enum(REPORT_CHANNELS),
    iccsCode: IccsCode.default(null),
    names: z.object({ es: Name, en: Name, pt: Name }),
    descriptions: z.object({ es: Description, en: Description, pt: Description }).partial().default({}),
  })
  // Conduct feedback is either a complaint of some kind or a commendation (migration 0007).
  .refine((b) => b.channel !== 'conduct' || b.code === 'commendation' || b.code.startsWith('complaint_'), { path: ['code'], message: 'category.conduct_code' });
export type CreateCategoryInput = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z.object({
  iccsCode: IccsCode.optional(),
  names: z.object({ es: Name, en: Name, pt: Name }).partial().optional(),
  descriptions: z.object({ es: Description, en: Description, pt: Description }).partial().optional(),
  active: z.boolean().optional().describe('Inactive categories leave the public forms; reports already filed keep them'),
});
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryBody>;
