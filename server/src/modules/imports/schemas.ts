import { z } from 'zod';
import { IMPORT_STATES, INCIDENT_SOURCES, TLP_LEVELS } from '../../platform/db/schema.ts';
import { IccsCode } from '../incidents/schemas.ts';
import { DATE_FORMATS } from './parse-date.ts';
import { CSV_DELIMITERS, IMPORT_FORMATS } from './profile.ts';

const Column = z.string().trim().min(1).max(200);

export const ColumnMappingSchema = z
  .object({
    externalId: z.union([Column, z.object({ linePrefix: z.string().trim().min(1).max(100) }).strict()]).describe('A column with a stable id, or { linePrefix } for files without one (id = prefix:line).'),
    category: Column,
    occurredFrom: Column,
    occurredTo: Column.optional(),
    reportedAt: Column.optional(),
    x: Column.optional().describe('Easting or longitude column (CSV); GeoJSON takes the Point geometry.'),
    y: Column.optional().describe('Northing or latitude column (CSV).'),
    address: Column.optional(),
  })
  .strict();

/** How to read one kind of file. */
export const ImportSettings = z
  .object({
    format: z.enum(IMPORT_FORMATS).default('csv'),
    delimiter: z.enum(CSV_DELIMITERS).default(','),
    columns: ColumnMappingSchema,
    dateFormat: z.enum(DATE_FORMATS),
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0).describe('Minutes east of UTC of dates written without an offset.'),
    crs: z.string().trim().regex(/^(EPSG:)?\d{4,5}$/i, 'imports.crs_format').describe('EPSG code, e.g. EPSG:2913.'),
    locationPrecisionM: z.number().min(0).max(100_000).optional(),
  })
  .strict()
  .meta({ id: 'ImportSettings' });
export type ImportSettings = z.infer<typeof ImportSettings>;

export const ProfileBody = z
  .object({
    ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
    name: z.string().trim().min(1).max(100),
    settings: ImportSettings,
    source: z.enum(INCIDENT_SOURCES).default('import').describe('Incident source; with the external id, the key of idempotent re-runs.'),
    tlp: z.enum(TLP_LEVELS).describe('Marking of every imported incident.'),
    sharingGroupIds: z.array(z.uuid()).max(50).default([]),
    recipientUserIds: z.array(z.uuid()).max(200).default([]),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileBody>;

export const ImportProfileView = z
  .object({
    id: z.uuid(),
    ownerOrgId: z.uuid(),
    name: z.string(),
    settings: ImportSettings,
    source: z.enum(INCIDENT_SOURCES),
    tlp: z.enum(TLP_LEVELS),
    sharingGroupIds: z.array(z.uuid()),
    recipientUserIds: z.array(z.uuid()),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ImportProfile', description: 'A saved way to import one kind of file: format, mapping, dates, CRS, marking.' });
export type ImportProfileView = z.infer<typeof ImportProfileView>;

export const CategoryMapping = z.object({ sourceCategory: z.string().trim().min(1).max(200), iccsCode: IccsCode.nullable().describe('null: known, not classified (e.g. a non-criminal call).') }).meta({ id: 'CategoryMapping' });
export const CategoryMappingsBody = z.object({ ownerOrgId: z.uuid().optional(), mappings: z.array(CategoryMapping).min(1).max(5000) }).strict();
export const DeleteCategoryMappingsBody = z.object({ ownerOrgId: z.uuid().optional(), sourceCategories: z.array(z.string().trim().min(1).max(200)).min(1).max(5000) }).strict();
export const OrgQuery = z.object({ orgId: z.uuid().optional() });

export const CrsView = z.object({ code: z.string(), name: z.string(), area: z.array(z.number()).length(4), geographic: z.boolean() }).meta({ id: 'Crs' });

export const ImportCountsView = z.object({ records: z.number().int(), imported: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() });
export const ImportView = z
  .object({
    id: z.uuid(),
    ownerOrgId: z.uuid(),
    profileId: z.uuid().nullable(),
    profileName: z.string(),
    fileName: z.string(),
    fileBytes: z.number().int(),
    bytesRead: z.number().int(),
    state: z.enum(IMPORT_STATES),
    counts: ImportCountsView,
    failure: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })) }).nullable(),
    cancelRequested: z.boolean(),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Import', description: 'One import of one file: its state, progress and counts.' });
export type ImportView = z.infer<typeof ImportView>;
