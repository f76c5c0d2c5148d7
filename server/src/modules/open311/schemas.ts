import { z } from 'zod';
import { DESCRIPTION_MAX, LOCATION_TEXT_MAX } from '../unsafe-places/schemas.ts';

/** Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): field names as the spec writes them. */

const W3cDateTime = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/, 'open311.datetime')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'open311.datetime');

const jurisdiction = z.string().max(200).optional().describe('Accepted and ignored: this endpoint serves one jurisdiction');

export const RequestsQuery = z.object({
  jurisdiction_id: jurisdiction,
  service_request_id: z
    .string()
    .regex(/^\s*[1-9]\d{0,17}\s*(,\s*[1-9]\d{0,17}\s*){0,999}$/, 'open311.request_ids')
    .optional()
    .describe('Comma-separated; overrides every other parameter'),
  service_code: z.string().max(4000).optional().describe('Comma-separated; default all'),
  start_date: W3cDateTime.optional(),
  end_date: W3cDateTime.optional().describe('At most 90 days after start_date; default the last 90 days'),
  status: z.string().regex(/^\s*(open|closed)\s*(,\s*(open|closed)\s*)?$/, 'open311.status').optional().describe('open, closed or both; default both'),
});
export type RequestsQuery = z.infer<typeof RequestsQuery>;

const coordinate = (min: number, max: number) => z.coerce.number('open311.coordinates').min(min, 'open311.coordinates').max(max, 'open311.coordinates');
const discarded = z.unknown().optional().describe('Accepted for compatibility and discarded: never stored');

export const PostRequestBody = z
  .object({
    api_key: z.unknown().optional().describe('Optional and ignored: anonymous submission needs no key, and none is stored'),
    jurisdiction_id: jurisdiction,
    service_code: z.string().min(1).max(100),
    lat: coordinate(-90, 90).optional().describe('WGS 84; with long'),
    long: coordinate(-180, 180).optional().describe('WGS 84; with lat'),
    address_string: z.string().trim().max(LOCATION_TEXT_MAX).optional().describe('Required when lat/long are not given'),
    address_id: discarded,
    description: z.string().trim().min(1).max(DESCRIPTION_MAX).describe('Required here (the spec leaves it optional); published after review'),
    email: discarded,
    device_id: discarded,
    account_id: discarded,
    first_name: discarded,
    last_name: discarded,
    phone: discarded,
    media_url: discarded,
  })
  .superRefine((body, ctx) => {
    if ((body.lat === undefined) !== (body.long === undefined)) ctx.addIssue({ code: 'custom', path: [body.lat === undefined ? 'lat' : 'long'], message: 'open311.coordinates' });
    else if (body.lat === undefined && !body.address_string) ctx.addIssue({ code: 'custom', path: [], message: 'open311.location_required' });
  });
export type PostRequestBody = z.infer<typeof PostRequestBody>;

export const Open311Errors = z.array(z.object({ code: z.number().int(), description: z.string() })).meta({ id: 'Open311Errors' });

export const Open311Discovery = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(z.object({ specification: z.string(), url: z.string(), changeset: z.string(), type: z.enum(['production', 'test']), formats: z.array(z.string()) })),
  })
  .meta({ id: 'Open311Discovery' });
export type Open311Discovery = z.infer<typeof Open311Discovery>;

export const Open311Service = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .meta({ id: 'Open311Service' });
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311ServiceDefinition = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        datatype_description: z.string(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Open311ServiceDefinition' });
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

export const Open311Request = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string().optional(),
    agency_responsible: z.string().optional(),
    service_notice: z.string().optional(),
    requested_datetime: z.string().describe('To the hour only'),
    updated_datetime: z.string().describe('To the hour only'),
    address: z.string().optional(),
    lat: z.number().optional().describe('Rounded'),
    long: z.number().optional().describe('Rounded'),
  })
  .meta({ id: 'Open311Request' });
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311Created = z
  .array(z.object({ service_request_id: z.string(), service_notice: z.string() }))
  .meta({ id: 'Open311Created' });
