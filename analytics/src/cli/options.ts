import { parseArgs } from 'node:util';
import { AnalyticsError, invalid } from '../errors.ts';
import { parseDay } from '../dates.ts';

export const STATISTICS = ['gistar', 'moran', 'kde', 'knox', 'trend'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** Every option of `alianza analyze`; the help text below documents each one. */
export const OPTIONS = {
  input: { type: 'string' },
  output: { type: 'string' },
  format: { type: 'string' },
  'x-col': { type: 'string' },
  'y-col': { type: 'string' },
  'date-col': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  where: { type: 'string', multiple: true },
  'cell-size': { type: 'string' },
  origin: { type: 'string' },
  dims: { type: 'string' },
  contiguity: { type: 'string' },
  'value-col': { type: 'string' },
  'id-col': { type: 'string' },
  'neighbours-col': { type: 'string' },
  'distance-band': { type: 'string' },
  permutations: { type: 'string' },
  seed: { type: 'string' },
  fdr: { type: 'boolean' },
  bandwidth: { type: 'string' },
  kernel: { type: 'string' },
  edge: { type: 'boolean' },
  contours: { type: 'string' },
  'distance-bands': { type: 'string' },
  'time-bands': { type: 'string' },
  metric: { type: 'string' },
  closed: { type: 'string' },
  period: { type: 'string' },
  'category-col': { type: 'string' },
  'area-col': { type: 'string' },
  exposure: { type: 'string' },
  seasonal: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const ANALYZE_HELP = `alianza analyze gistar|moran|kde|knox|trend --input FILE.csv [options]

Statistics over a plain CSV file (header line, RFC 4180 quoting), no database needed.
Coordinates must be projected (metres or feet, e.g. EPSG:2913 x_ft/y_ft); distances, cell sizes
and bandwidths are in the same unit. Results go to stdout as CSV unless --output/--format say
otherwise; a summary goes to stderr.

Input and output
  --input FILE          CSV file to read (required)
  --output FILE         write the result here instead of stdout
  --format csv|geojson  output format (default csv; geojson for gistar, moran and kde --contours)
  --x-col NAME          column of x / easting (default x)
  --y-col NAME          column of y / northing (default y)
  --date-col NAME       column of dates, YYYY-MM-DD or YYYY-MM (default date)
  --from DATE           keep rows dated on or after DATE (needs the date column)
  --to DATE             keep rows dated on or before DATE
  --where COL=VALUE     keep rows whose COL equals VALUE (repeatable; all must hold)
  Rows with an empty x or y are left out and counted on stderr.

gistar, moran (points counted on a square grid, or areas given one per row)
  --cell-size S         grid cell size (required for grids)
  --origin X,Y          south-west corner of the grid (default: min x, min y snapped down to S)
  --dims NCOL,NROW      grid size (default: just large enough for every point)
  --contiguity queen|rook   grid neighbours (default queen)
  --value-col NAME      area mode: each row is one area with this value, at x/y (its centroid)
  --id-col NAME         area mode: id of each area (default: row number)
  --neighbours-col NAME area mode: ids of the area's neighbours separated by ';' (contiguity)
  --distance-band D     area mode: neighbours are areas whose centroids lie within D
  --permutations N      conditional permutations for pseudo p-values (default 0 = analytical only)
  --seed N              seed of the permutations (default 1)
  --fdr                 add Benjamini-Hochberg q-values; hot/cold classes then use q
  gistar CSV: col,row,x_min,y_min,count,gistar_z,gistar_p[,p_sim][,q],class (class -3..3 = cold/hot
  at 99/95/90 %); moran CSV: ...,moran_i,moran_e,moran_var,moran_z,moran_p[,p_sim][,q],quadrant.

kde (kernel density to a raster; pixels are grid cells)
  --cell-size S         pixel size (required)
  --bandwidth B         Gaussian: standard deviation; quartic: radius (required)
  --kernel gaussian|quartic   (default gaussian)
  --edge                edge correction (divide by the kernel mass inside the raster)
  --origin X,Y, --dims NCOL,NROW   raster placement as for grids
  --contours L1,L2,...  with --format geojson: contour lines at these densities
  CSV: x_center,y_center,density (events per square unit), south-west pixel first, x fastest.

knox (near-repeat test on events with x, y and date)
  --distance-bands B0,B1,...  distance band breaks (default 0,1,101,201,301,401,501)
  --time-bands T0,T1,...      time band breaks in days (default 0,7,14,21,28,35)
  --metric manhattan|euclidean  (default manhattan)
  --closed left|right   bands [a,b) (default, as NearRepeat) or (a,b]
  --permutations N      Monte Carlo permutations of the dates (default 999)
  --seed N              (default 1)
  CSV: dist_band,time_band,observed,expected,exact_expected,knox_ratio,p_value.

trend (counts per period with exact Poisson tests)
  --period month|week   (default month; weeks start on Monday)
  --category-col NAME   split by this column (optional)
  --area-col NAME       split by this column (optional)
  --exposure days|equal compare months per day (default) or by raw counts
  --seasonal            write the mean count per month of the year instead
  CSV: period,category,area,count,previous,p_previous,last_year,p_last_year
  (--seasonal: category,area,month,years,mean,index).
`;

export type ParsedOptions = ReturnType<typeof parse>;

function parse(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
}

export function parseAnalyzeArgs(args: string[]): { statistic: Statistic | null; values: ParsedOptions['values'] } {
  let parsed: ParsedOptions;
  try {
    parsed = parse(args);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  const [statistic, ...rest] = parsed.positionals;
  if (rest.length > 0) throw invalid(`unexpected argument ${rest[0]}`);
  if (statistic !== undefined && !(STATISTICS as readonly string[]).includes(statistic)) throw invalid(`unknown statistic ${statistic}: choose ${STATISTICS.join(', ')}`);
  return { statistic: (statistic as Statistic | undefined) ?? null, values: parsed.values };
}

export function numberOption(values: Record<string, unknown>, name: string, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw invalid(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n)) throw invalid(`--${name} must be a number, not "${String(raw)}"`);
  return n;
}

export function integerOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const n = numberOption(values, name, fallback);
  if (!Number.isInteger(n) || n < 0) throw invalid(`--${name} must be a non-negative integer`);
  return n;
}

export function listOption(values: Record<string, unknown>, name: string, fallback?: number[]): number[] | undefined {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const list = String(raw).split(',').map((s) => Number(s.trim()));
  if (list.some((v) => !Number.isFinite(v)) || list.length === 0) throw invalid(`--${name} must be numbers separated by commas, not "${String(raw)}"`);
  return list;
}

export function pairOption(values: Record<string, unknown>, name: string): [number, number] | undefined {
  const list = listOption(values, name);
  if (list === undefined) return undefined;
  if (list.length !== 2) throw invalid(`--${name} takes two numbers separated by a comma`);
  return [list[0]!, list[1]!];
}

export function choiceOption<T extends string>(values: Record<string, unknown>, name: string, choices: readonly T[], fallback: T): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!(choices as readonly unknown[]).includes(raw)) throw invalid(`--${name} must be one of ${choices.join(', ')}`);
  return raw as T;
}

export function dateOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const day = parseDay(String(raw));
  if (day === null) throw new AnalyticsError('INVALID_ARGUMENT', `--${name} must be a date YYYY-MM-DD, not "${String(raw)}"`);
  return day;
}
