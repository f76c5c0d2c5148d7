import { z } from 'zod';
import { Projection, STATISTICS } from './schemas.ts';

/**
 * The JSON results of each statistic, for the OpenAPI document and the typed web client.
 * They are written by the worker threads (compute/), and the tests parse real results with
 * these schemas, so the document cannot drift from what is sent.
 */

const Geometry = z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).meta({ id: 'AnalysisGeometry', description: 'GeoJSON geometry (RFC 7946), WGS 84.' });
const collection = <P extends z.ZodType>(properties: P) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), id: z.union([z.string(), z.number()]).optional(), geometry: Geometry, properties })),
  });

const Header = {
  runId: z.uuid(),
  statistic: z.enum(STATISTICS),
  selection: z.record(z.string(), z.unknown()).describe('The selection as validated, defaults filled in.'),
  parameters: z.record(z.string(), z.unknown()).describe('The parameters as validated, defaults filled in (inline polygons counted).'),
  incidents: z.int(),
  projection: Projection.nullable(),
};

const Grid = z
  .object({ crs: z.string(), originX: z.number(), originY: z.number(), cellSize: z.number(), ncol: z.int(), nrow: z.int() })
  .meta({ id: 'AnalysisGrid', description: 'Square cells in the projected CRS: cell (col, row) spans [originX + col·cellSize, …) × [originY + row·cellSize, …), row 0 south.' });
const Window = z.object({ start: z.string(), end: z.string().describe('Exclusive.') });
const CountProperties = { count: z.int(), counts: z.array(z.int()).optional().describe('Per time window, in the order of `windows`.') };

export const GridResult = z
  .object({
    ...Header,
    grid: Grid,
    windows: z.array(Window),
    dropped: z.int(),
    cells: collection(z.object({ col: z.int(), row: z.int(), ...CountProperties })).describe('Non-empty cells.'),
  })
  .meta({ id: 'GridCountsResult' });

export const H3Result = z
  .object({ ...Header, resolution: z.int(), windows: z.array(Window), dropped: z.int(), cells: collection(z.object({ h3: z.string(), ...CountProperties })) })
  .meta({ id: 'H3CountsResult' });

export const KdeResult = z
  .object({
    ...Header,
    raster: Grid.extend({ unit: z.string(), maxDensity: z.number(), mass: z.number().describe('Expected incidents inside the raster.'), dropped: z.int() }),
    contours: collection(z.object({ mass: z.number(), level: z.number().describe('Density of the contour, incidents per km².') })),
  })
  .meta({ id: 'KdeResult' });

const Inference = { z: z.number().nullable(), p: z.number().nullable(), pSim: z.number().nullable(), q: z.number().nullable() };
const UnitProperties = { id: z.string(), count: z.number(), col: z.int().optional(), row: z.int().optional(), name: z.string().nullable().optional(), neighbours: z.int().optional() };

export const HotspotResult = z
  .object({
    ...Header,
    units: z.object({ kind: z.enum(['grid', 'polygons']), count: z.int(), drawn: z.int(), significant: z.int() }),
    grid: Grid.optional(),
    studyAreaCells: z.int().optional(),
    neighbours: z.record(z.string(), z.array(z.string())).optional().describe('Polygons: the neighbours of each unit, by id.'),
    features: collection(
      z.object({
        ...UnitProperties,
        ...Inference,
        class: z.int().min(-3).max(3).optional().describe('Gi*: −3…3, cold/hot spot at 99/95/90 % confidence.'),
        i: z.number().nullable().optional(),
        expected: z.number().nullable().optional(),
        variance: z.number().nullable().optional(),
        quadrant: z.enum(['HH', 'LL', 'HL', 'LH']).nullable().optional(),
        cluster: z.enum(['HH', 'LL', 'HL', 'LH']).nullable().optional().describe('Moran: the quadrant where significant at 95 % (q, else pSim, else p), else null.'),
      }),
    ).describe('Grid: cells with incidents or a significant result; polygons: every unit.'),
  })
  .meta({ id: 'HotspotResult' });

export const KnoxResult = z
  .object({
    ...Header,
    events: z.int(),
    closePairs: z.int(),
    distanceBands: z.array(z.string()),
    timeBands: z.array(z.string()),
    cells: z.array(
      z.object({
        distanceBand: z.string(),
        timeBand: z.string(),
        distanceFrom: z.number(),
        distanceTo: z.number(),
        timeFrom: z.number(),
        timeTo: z.number(),
        observed: z.number(),
        expected: z.number().nullable(),
        exactExpected: z.number().nullable(),
        knoxRatio: z.number().nullable(),
        pValue: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'KnoxResult' });

export const TrendResult = z
  .object({
    ...Header,
    rows: z.array(
      z.object({
        period: z.string(),
        category: z.string().describe('ICCS prefix, (none) for unclassified, (all) when not split.'),
        area: z.string().describe('Organisation id, (none), or (all).'),
        areaName: z.string().nullable(),
        count: z.number(),
        previous: z.number().nullable(),
        pPrevious: z.number().nullable(),
        lastYear: z.number().nullable(),
        pLastYear: z.number().nullable(),
      }),
    ),
    seasonal: z.array(z.object({ category: z.string(), area: z.string(), areaName: z.string().nullable(), month: z.int(), years: z.int(), mean: z.number(), index: z.number().nullable() })),
  })
  .meta({ id: 'TrendResult' });

export const AnalysisResult = z.union([GridResult, H3Result, KdeResult, HotspotResult, KnoxResult, TrendResult]).meta({ id: 'AnalysisResult' });
