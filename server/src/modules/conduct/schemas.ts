import { z } from 'zod';
import { CONSENT_TIERS } from '../../platform/db/schema.ts';
import { SubmitTipBody } from '../tips/schemas.ts';

const tip = SubmitTipBody.shape;
/** A catalog key for wrong values, "required" for missing ones. */
const unlessMissing = (key: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'required' : key) });

export const SubmitConductBody = z.object({
  category: tip.category.describe("'commendation' or one of the complaint kinds of GET /api/v1/conduct/categories"),
  unitId: z.uuid(unlessMissing('conduct.unknown_unit')).describe('The police unit concerned, from GET /api/v1/conduct/units. It never receives this feedback.'),
  consent: z.enum(CONSENT_TIERS, unlessMissing('conduct.unknown_consent')).describe(
    'public: may be published as written in the oversight body\'s public summaries; public_without_names: only without names or identifying details; anonymous: investigated, never published; statistics_only: read only in triage, then only counted',
  ),
  body: tip.body.describe('What happened. Names of officers, badge or vehicle numbers help; avoid anything that identifies you.'),
  locationText: tip.locationText.describe('Where it happened, as you would describe it'),
  occurredText: z.string().trim().max(200).optional().describe('When it happened, as you would describe it (e.g. "Friday night, around 11")'),
  passphrase: tip.passphrase,
  idempotencyKey: tip.idempotencyKey,
});
export type SubmitConductInput = z.infer<typeof SubmitConductBody>;

export const ConductCategory = z
  .object({ code: z.string(), name: z.string(), kind: z.enum(['complaint', 'commendation']) })
  .meta({ id: 'ConductCategory' });
export type ConductCategory = z.infer<typeof ConductCategory>;

export const PoliceUnit = z.object({ id: z.uuid(), name: z.string(), country: z.string() }).meta({ id: 'PoliceUnit' });
export type PoliceUnit = z.infer<typeof PoliceUnit>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid');

export const StatisticsQuery = z.object({
  from: Month.optional().describe('First month (YYYY-MM, UTC); default: 12 months before the last complete one'),
  to: Month.optional().describe('Last month (YYYY-MM, UTC); default and latest: the last complete month'),
  unitId: z.uuid().optional(),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const Count = z.union([z.number().int().min(0), z.literal('<5')]).describe('1 to 4 are published as "<5"');

export const ConductStatistics = z
  .object({
    from: Month,
    to: Month,
    suppressedBelow: z.number().int(),
    items: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), month: Month, complaints: Count, commendations: Count })),
  })
  .meta({ id: 'ConductStatistics' });
export type ConductStatistics = z.infer<typeof ConductStatistics>;
