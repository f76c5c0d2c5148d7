import { z } from 'zod';
import { REPORT_STATUSES } from '../../platform/db/schema.ts';

/** Open311 GeoReport v2 limits descriptions to 4,000 characters; the web form follows it. */
export const DESCRIPTION_MAX = 4000;
export const LOCATION_TEXT_MAX = 500;
/** Public numbers are positive integers (bigint). */
export const PUBLIC_NUMBER = /^[1-9][0-9]{0,17}$/;

const CategoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown_category');
export const Longitude = z.number().min(-180, 'geojson.longitude').max(180, 'geojson.longitude');
export const Latitude = z.number().min(-90, 'geojson.latitude').max(90, 'geojson.latitude');

export const SubmitUnsafePlaceBody = z.object({
  category: CategoryCode,
  description: z.string().trim().min(1).max(DESCRIPTION_MAX).describe('What makes the place unsafe. Published once a coordinator has reviewed it.'),
  location: z.object({ lon: Longitude, lat: Latitude }).optional().describe('A map pin chosen by the reporter (WGS 84); never taken automatically from the device.'),
  locationText: z.string().trim().max(LOCATION_TEXT_MAX).optional().describe('An address or landmark, when there is no pin. A pin or this is required.'),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/)
    .optional()
    .describe('A random value (at least 128 bits, base64url) kept until the answer arrives: sending the same report again with it creates nothing new.'),
});
export type SubmitUnsafePlaceInput = z.infer<typeof SubmitUnsafePlaceBody>;

export const UnsafePlaceCategory = z
  .object({ code: z.string(), name: z.string(), description: z.string() })
  .meta({ id: 'UnsafePlaceCategory' });
export type UnsafePlaceCategory = z.infer<typeof UnsafePlaceCategory>;

export const UnsafePlaceReceipt = z
  .object({ number: z.string().describe('Public number (also the Open311 service_request_id)'), message: z.string() })
  .meta({ id: 'UnsafePlaceReceipt' });

export const UnsafePlace = z
  .object({
    number: z.string(),
    category: z.string(),
    categoryName: z.string(),
    status: z.enum(REPORT_STATUSES),
    open: z.boolean().describe('Open311 status: open until closed'),
    statusNote: z.string(),
    receivedHour: z.iso.datetime(),
    updatedHour: z.iso.datetime(),
    location: z.object({ lon: z.number(), lat: z.number() }).nullable().describe('Rounded to the centre of a grid cell (ALIANZA_PUBLIC_LOCATION_PRECISION_M)'),
    description: z.string().nullable().describe('NULL until a coordinator has reviewed the report'),
    address: z.string().nullable().describe('NULL until a coordinator has reviewed the report'),
    agency: z.string().nullable().describe('The responsible organisation, once the report was forwarded to it (and only if its jurisdiction is public)'),
  })
  .meta({ id: 'UnsafePlace' });
export type UnsafePlace = z.infer<typeof UnsafePlace>;

export const ListUnsafePlacesQuery = z.object({
  category: CategoryCode.optional(),
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const UnsafePlaceSummary = z
  .object({
    minimumCount: z.number().int().describe('Counts below this are withheld (null)'),
    categories: z.array(z.object({ code: z.string(), name: z.string(), open: z.number().int().nullable(), closed: z.number().int().nullable() })),
  })
  .meta({ id: 'UnsafePlaceSummary' });
export type UnsafePlaceSummary = z.infer<typeof UnsafePlaceSummary>;
