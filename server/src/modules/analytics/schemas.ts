import { z } from 'zod';
import { INCIDENT_SOURCES } from '../../platform/db/schema.ts';
import { PolygonalGeometry } from '../../platform/http/geojson.ts';
import { IccsCode } from '../incidents/schemas.ts';
import { LIMITS } from './limits.ts';

const Instant = z.iso.datetime({ offset: true });
const Longitude = z.number().min(-180, 'geojson.longitude').max(180, 'geojson.longitude');
const Latitude = z.number().min(-90, 'geojson.latitude').max(90, 'geojson.latitude');
const Seed = z.int().min(0).max(2 ** 32 - 1).default(1).describe('Seed of the permutations: the same seed gives the same result.');

/** IANA time zone known to this runtime (and therefore to the database's zone tables). */
const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'analytics.unknown_time_zone');

export const AnalysisArea = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('jurisdiction'), orgId: z.uuid().describe("An organisation whose jurisdiction (public) is the area.") }),
    z.strictObject({ kind: z.literal('bbox'), bbox: z.tuple([Longitude, Latitude, Longitude, Latitude]).describe('minLon, minLat, maxLon, maxLat (WGS 84)') }),
    z.strictObject({ kind: z.literal('polygon'), geometry: PolygonalGeometry }),
  ])
  .meta({ id: 'AnalysisArea', description: 'The study area: incidents located inside it (boundary included) are analysed.' });
export type AnalysisArea = z.infer<typeof AnalysisArea>;

export const AnalysisSelection = z
  .strictObject({
    iccs: z.array(IccsCode).max(20).default([]).describe('ICCS prefixes; an incident matches when its code starts with any of them. Empty: every incident, unclassified ones included.'),
    from: Instant.optional().describe('Occurrence start (occurredFrom) at or after this instant.'),
    to: Instant.optional().describe('Occurrence start before this instant.'),
    area: AnalysisArea.optional(),
    sources: z.array(z.enum(INCIDENT_SOURCES)).max(INCIDENT_SOURCES.length).default([]).describe('Empty: every source.'),
    timeZone: TimeZone.default('UTC').describe('IANA zone of the civil days, weeks and months (time windows, Knox days, trends).'),
  })
  .meta({ id: 'AnalysisSelection', description: 'Which incidents: always only those the caller may see (TLP rules), then these filters.' });
export type AnalysisSelection = z.infer<typeof AnalysisSelection>;

const Metres = (min: number, max: number) => z.number().min(min).max(max);
const TimeWindow = z.enum(['day', 'week', 'month']).describe('Count per civil day, ISO week (from Monday) or month as well as in total.');

export const GridParameters = z.strictObject({
  cellSize: Metres(LIMITS.minCellSize, 100_000).describe('Side of the square cells in metres, in the local projection (UTM).'),
  window: TimeWindow.optional(),
});

export const H3Parameters = z.strictObject({
  resolution: z.int().min(0).max(15).describe('H3 resolution: 7 ≈ 1.2 km, 8 ≈ 460 m, 9 ≈ 170 m, 10 ≈ 66 m between centres.'),
  window: TimeWindow.optional(),
});

export const KdeParameters = z.strictObject({
  kernel: z.enum(['gaussian', 'quartic']).default('gaussian'),
  bandwidth: Metres(1, 100_000).describe('Gaussian: standard deviation; quartic: radius of the kernel, in metres.'),
  cellSize: Metres(1, 100_000).describe('Pixel size in metres; at most the bandwidth.'),
  edgeCorrection: z.boolean().default(false).describe('Divide by the kernel mass inside the raster (Diggle 1985).'),
  contourMass: z
    .array(z.number().gt(0).lt(1))
    .max(9)
    .default([0.5, 0.75, 0.9])
    .describe('Contours around the smallest areas holding these shares of the estimated density (highest-density regions).'),
});

const PolygonWeights = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('contiguity'), contiguity: z.enum(['queen', 'rook']).default('queen').describe('queen: sharing any boundary point (or overlapping); rook: sharing a boundary segment.') }),
    z.strictObject({ kind: z.literal('distance'), distance: Metres(1, 1_000_000).describe('Neighbours are units whose centroids are within this distance.') }),
  ])
  .meta({ id: 'PolygonWeights' });

const UnitFeatures = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string().max(200), z.number()]).optional(),
        properties: z.record(z.string(), z.unknown()).nullable().optional(),
        geometry: PolygonalGeometry,
      }),
    )
    .min(3)
    .max(LIMITS.maxPolygons),
});

export const HotspotUnits = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('grid'),
      cellSize: Metres(LIMITS.minCellSize, 100_000).describe('Cell side in metres (UTM).'),
      contiguity: z.enum(['queen', 'rook']).default('queen'),
    }),
    z.strictObject({
      kind: z.literal('jurisdictions'),
      orgIds: z.array(z.uuid()).min(3).max(LIMITS.maxPolygons).describe("Organisations whose jurisdictions are the units (e.g. one per police district)."),
      weights: PolygonWeights.default({ kind: 'contiguity', contiguity: 'queen' }),
    }),
    z.strictObject({
      kind: z.literal('polygons'),
      features: UnitFeatures.describe('Polygons of the units (WGS 84); a feature\'s `id` or `properties.name` names it.'),
      weights: PolygonWeights.default({ kind: 'contiguity', contiguity: 'queen' }),
    }),
  ])
  .meta({ id: 'HotspotUnits', description: 'What is counted and compared: grid cells inside the study area, or polygons.' });
export type HotspotUnits = z.infer<typeof HotspotUnits>;

export const HotspotParameters = z.strictObject({
  units: HotspotUnits,
  permutations: z.int().min(0).max(LIMITS.maxPermutations).default(0).describe('Conditional permutations for pseudo p-values (0: analytical only).'),
  seed: Seed,
  fdr: z.boolean().default(false).describe('Benjamini–Hochberg false-discovery-rate q-values; classes then use them.'),
});

const Breaks = (max: number) =>
  z
    .array(z.number().min(0).max(max))
    .min(2)
    .max(LIMITS.maxBandBreaks)
    .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]!), 'analytics.breaks_increasing');

export const KnoxParameters = z.strictObject({
  distanceBands: Breaks(LIMITS.maxKnoxDistance).default([0, 100, 200, 300, 400, 500]).describe('Distance band breaks in metres: bands [b0, b1), [b1, b2), …'),
  timeBands: Breaks(3650).default([0, 7, 14, 21, 28, 35]).describe('Time band breaks in days (civil days in the selection\'s time zone).'),
  metric: z.enum(['manhattan', 'euclidean']).default('manhattan'),
  permutations: z.int().min(1).max(LIMITS.maxPermutations).default(999),
  seed: Seed,
});

export const TrendParameters = z.strictObject({
  period: z.enum(['month', 'week']).default('month'),
  category: z.enum(['none', 'section', 'division']).default('section').describe('Split by ICCS section (2 digits), division (4 digits) or not at all.'),
  byArea: z.boolean().default(false).describe('Split by administrative area (the smallest jurisdiction covering the incident).'),
  exposure: z.enum(['days', 'equal']).default('days').describe('Months compared per day (days) or by raw counts (equal).'),
});

export const STATISTICS = ['grid', 'h3', 'kde', 'gistar', 'moran', 'knox', 'trends'] as const;
export type Statistic = (typeof STATISTICS)[number];

const run = <S extends Statistic, P extends z.ZodType>(statistic: S, parameters: P) =>
  z.strictObject({ statistic: z.literal(statistic), selection: AnalysisSelection.default({ iccs: [], sources: [], timeZone: 'UTC' }), parameters });

export const CreateRunBody = z
  .discriminatedUnion('statistic', [
    run('grid', GridParameters),
    run('h3', H3Parameters),
    run('kde', KdeParameters),
    run('gistar', HotspotParameters),
    run('moran', HotspotParameters),
    run('knox', KnoxParameters.default({ distanceBands: [0, 100, 200, 300, 400, 500], timeBands: [0, 7, 14, 21, 28, 35], metric: 'manhattan', permutations: 999, seed: 1 })),
    run('trends', TrendParameters.default({ period: 'month', category: 'section', byArea: false, exposure: 'days' })),
  ])
  .meta({ id: 'AnalysisRequest', description: 'A statistic over the incidents the caller may see.' });
export type CreateRunInput = z.infer<typeof CreateRunBody>;
export type ParametersOf<S extends Statistic> = Extract<CreateRunInput, { statistic: S }>['parameters'];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STAGES = ['queued', 'selecting', 'computing', 'writing', 'done'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

const Restricted = z.object({ AMBER: z.int(), 'AMBER+STRICT': z.int(), RED: z.int() });

export const Projection = z
  .object({
    epsg: z.int().describe('WGS 84 / UTM zone of the centre of the study area (326zz north, 327zz south).'),
    name: z.string(),
    proj4: z.string(),
    maxScaleError: z.number().describe('Largest relative scale error over the study area (|k − 1|).'),
  })
  .meta({ id: 'AnalysisProjection', description: 'Local projected CRS in which metres are measured.' });
export type Projection = z.infer<typeof Projection>;

export const Run = z
  .object({
    id: z.uuid(),
    statistic: z.enum(STATISTICS),
    status: z.enum(RUN_STATUSES),
    progress: z.object({ stage: z.enum(RUN_STAGES), fraction: z.number().min(0).max(1) }),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    incidents: z.int().describe('Incidents selected (visible to the caller and matching the filters).'),
    restricted: Restricted.describe('Of those, how many carry each restricted marking (the audited reads).'),
    projection: Projection.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    timings: z
      .object({
        selectionMs: z.number().nullable().describe('Reading the selected incidents (SQL), once a worker thread was free.'),
        computationMs: z.number().nullable().describe('Computing and writing the result in the worker thread.'),
      })
      .describe('Where the time went, once known.'),
    links: z.object({
      self: z.string(),
      stream: z.string(),
      result: z.string(),
      csv: z.string(),
      geojson: z.string().nullable(),
      tiles: z.string().nullable().describe('KDE: PNG heat tiles, {z}/{x}/{y}.png'),
    }),
  })
  .meta({ id: 'AnalysisRun', description: 'A statistic being computed (off the request thread) or its outcome.' });
export type Run = z.infer<typeof Run>;

export const RunParams = z.object({ id: z.uuid() });
