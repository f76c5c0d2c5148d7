import { z } from 'zod';
import { REPORT_CHANNELS } from '../../platform/db/schema.ts';

export const RoutingRule = z
  .object({
    id: z.uuid(),
    channel: z.enum(REPORT_CHANNELS),
    category: z.string().nullable().describe('NULL: every category of the channel'),
    orgId: z.uuid(),
    orgName: z.string(),
    role: z.enum(['responsible', 'informed']),
    scope: z.enum(['jurisdiction', 'anywhere']).describe("jurisdiction: only reports located inside the organisation's jurisdiction"),
    priority: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRule>;

export const CreateRoutingRuleBody = z.object({
  channel: z.enum(REPORT_CHANNELS),
  category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown_category').nullable().default(null),
  orgId: z.uuid(),
  role: z.enum(['responsible', 'informed']),
  scope: z.enum(['jurisdiction', 'anywhere']).default('jurisdiction'),
  priority: z.number().int().min(-1000).max(1000).default(0),
});
export type CreateRoutingRuleInput = z.infer<typeof CreateRoutingRuleBody>;

export const RoutingDecision = z
  .object({
    responsible: z.object({ orgId: z.uuid(), ruleId: z.uuid() }).nullable().describe("NULL: no rule matched; the report waits in the coordinators' queue"),
    informedOrgIds: z.array(z.uuid()),
  })
  .meta({ id: 'RoutingDecision' });
export type RoutingDecision = z.infer<typeof RoutingDecision>;
