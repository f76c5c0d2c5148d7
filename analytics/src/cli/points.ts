import { AnalyticsError, invalid, requireCellsWithinLimit, requirePositive, requirePositiveInteger } from '../errors.ts';
import { extentOf, gridCovering, validateGrid, type GridSpec } from '../grid.ts';
import { dateOption, numberOption, pairOption } from './options.ts';
import { locatedRows, parseWhere, pick, readColumns, type Columns } from './input.ts';
import type { Io } from './output.ts';

type Values = Record<string, unknown>;

export interface PointInput {
  x: Float64Array;
  y: Float64Array;
  /** Day numbers, when dates were read. */
  days: Float64Array | null;
  strings: Map<string, string[]>;
  extra: Map<string, Float64Array>;
}

/**
 * Reads located points (finite x and y) with the common options (--x-col, --y-col, --date-col,
 * --from, --to, --where), plus extra number/text columns; reports what was left out on stderr.
 */
export async function readPoints(values: Values, io: Io, options: { needDate?: boolean; numbers?: string[]; strings?: string[] } = {}): Promise<PointInput> {
  const input = values.input;
  if (typeof input !== 'string' || input === '') throw invalid('--input is required');
  const xCol = (values['x-col'] as string | undefined) ?? 'x';
  const yCol = (values['y-col'] as string | undefined) ?? 'y';
  const from = dateOption(values, 'from');
  const to = dateOption(values, 'to');
  const dateCol = options.needDate || from !== undefined || to !== undefined ? ((values['date-col'] as string | undefined) ?? 'date') : undefined;
  const extraNumbers = options.numbers ?? [];
  const columns: Columns = await readColumns(input, {
    numbers: [xCol, yCol, ...extraNumbers],
    strings: options.strings ?? [],
    date: dateCol,
    from,
    to,
    where: parseWhere(values.where as string[] | undefined),
  });
  const rawX = columns.numbers.get(xCol)!;
  const rawY = columns.numbers.get(yCol)!;
  const rows = locatedRows(rawX, rawY);
  const unlocated = columns.kept - rows.length;
  io.stderr.write(`${input}: ${columns.read} rows read, ${columns.kept} selected${unlocated ? `, ${unlocated} without coordinates left out` : ''}, ${rows.length} used\n`);
  if (rows.length === 0) throw new AnalyticsError('EMPTY_INPUT', 'no row with coordinates passes the filters', { read: columns.read, kept: columns.kept });
  return {
    x: pick(rawX, rows),
    y: pick(rawY, rows),
    days: columns.days ? pick(columns.days, rows) : null,
    strings: new Map([...columns.strings].map(([name, list]) => [name, Array.from(rows, (i) => list[i]!)])),
    extra: new Map(extraNumbers.map((name) => [name, pick(columns.numbers.get(name)!, rows)])),
  };
}

export interface GridOptions {
  cellSize: number;
  origin?: [number, number];
  dims?: [number, number];
}

/** --cell-size, --origin and --dims, checked before any input is read. */
export function parseGridOptions(values: Values): GridOptions {
  const cellSize = numberOption(values, 'cell-size');
  requirePositive('cell-size', cellSize);
  const origin = pairOption(values, 'origin');
  const dims = pairOption(values, 'dims');
  if (dims) {
    requirePositiveInteger('dims', dims[0]);
    requirePositiveInteger('dims', dims[1]);
    requireCellsWithinLimit('the grid', dims[0] * dims[1]);
  }
  return { cellSize, origin, dims };
}

/** The grid or raster of the options, by default just covering the points. */
export function gridFromOptions(options: GridOptions, x: Float64Array, y: Float64Array): GridSpec {
  const { cellSize, origin, dims } = options;
  if (dims) {
    const extent = extentOf(x, y);
    const [originX, originY] = origin ?? [Math.floor(extent.minX / cellSize) * cellSize, Math.floor(extent.minY / cellSize) * cellSize];
    const grid = { originX, originY, cellSize, ncol: dims[0], nrow: dims[1] };
    validateGrid(grid);
    return grid;
  }
  return gridCovering(extentOf(x, y), cellSize, origin ? { x: origin[0], y: origin[1] } : undefined);
}
