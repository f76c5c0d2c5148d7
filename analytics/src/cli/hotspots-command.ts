import { csvLine } from '../csv.ts';
import { invalid } from '../errors.ts';
import { aggregateToGrid, cellRing, type GridSpec } from '../grid.ts';
import { localGiStar, type GiStarResult } from '../gistar.ts';
import { localMoran, QUADRANTS, type LocalMoranResult } from '../moran.ts';
import { distanceBandWeights, gridContiguity, weightsFromNeighbourLists, type SpatialWeights } from '../weights.ts';
import { choiceOption, integerOption, numberOption } from './options.ts';
import { gridFromOptions, parseGridOptions, readPoints } from './points.ts';
import { featureCollection, writeLines, type Io } from './output.ts';

type Values = Record<string, unknown>;

interface Units {
  values: Float64Array;
  weights: SpatialWeights;
  /** Leading CSV columns and GeoJSON geometry of unit i. */
  header: string[];
  describe(i: number): (string | number)[];
  geometry(i: number): unknown;
}

/** `alianza analyze gistar|moran`: points counted on a grid, or areas one per row. */
export async function runHotspots(statistic: 'gistar' | 'moran', values: Values, io: Io): Promise<void> {
  const format = choiceOption(values, 'format', ['csv', 'geojson'], 'csv');
  const options = { permutations: integerOption(values, 'permutations', 0), seed: integerOption(values, 'seed', 1), fdr: values.fdr === true };
  const units = values['value-col'] ? await areaUnits(values, io) : await gridUnits(values, io);
  const result = statistic === 'gistar' ? localGiStar(units.values, units.weights, options) : localMoran(units.values, units.weights, options);
  const columns = statistic === 'gistar' ? giStarColumns(result as GiStarResult) : moranColumns(result as LocalMoranResult);
  const names = Object.keys(columns);
  const row = (i: number) => names.map((name) => columns[name]!(i));
  const n = units.values.length;
  io.stderr.write(`${statistic}: ${n} units\n`);
  if (format === 'csv') {
    await writeLines(io, values.output as string | undefined, (function* () {
      yield csvLine([...units.header, ...names]);
      for (let i = 0; i < n; i++) yield csvLine([...units.describe(i), ...row(i)]);
    })());
  } else {
    const features = (function* () {
      for (let i = 0; i < n; i++) {
        const properties = Object.fromEntries([...units.header, ...names].map((name, k) => [name, [...units.describe(i), ...row(i)][k]]));
        yield { type: 'Feature', geometry: units.geometry(i), properties };
      }
    })();
    await writeLines(io, values.output as string | undefined, featureCollection(features));
  }
}

type Column = (i: number) => string | number;

function inferenceColumns(p: Float64Array, pSim: Float64Array | null, q: Float64Array | null, prefix: string): Record<string, Column> {
  const columns: Record<string, Column> = { [`${prefix}_p`]: (i) => p[i]! };
  if (pSim) columns.p_sim = (i) => pSim[i]!;
  if (q) columns.q = (i) => q[i]!;
  return columns;
}

function giStarColumns(r: GiStarResult): Record<string, Column> {
  return { gistar_z: (i) => r.z[i]!, ...inferenceColumns(r.p, r.pSim, r.q, 'gistar'), class: (i) => r.classes[i]! };
}

function moranColumns(r: LocalMoranResult): Record<string, Column> {
  return {
    moran_i: (i) => r.i[i]!,
    moran_e: (i) => r.expected[i]!,
    moran_var: (i) => r.variance[i]!,
    moran_z: (i) => r.z[i]!,
    ...inferenceColumns(r.p, r.pSim, r.q, 'moran'),
    quadrant: (i) => QUADRANTS[r.quadrant[i]!] ?? '',
  };
}

async function gridUnits(values: Values, io: Io): Promise<Units> {
  const gridOptions = parseGridOptions(values);
  const contiguity = choiceOption(values, 'contiguity', ['queen', 'rook'], 'queen');
  const points = await readPoints(values, io);
  const grid: GridSpec = gridFromOptions(gridOptions, points.x, points.y);
  const { counts, dropped } = aggregateToGrid(points, grid);
  if (dropped > 0) io.stderr.write(`${dropped} points outside the grid left out\n`);
  io.stderr.write(`grid: ${grid.ncol} × ${grid.nrow} cells of ${grid.cellSize}, origin ${grid.originX},${grid.originY}\n`);
  return {
    values: counts,
    weights: gridContiguity(grid.ncol, grid.nrow, contiguity),
    header: ['col', 'row', 'x_min', 'y_min', 'count'],
    describe: (i) => {
      const col = i % grid.ncol;
      const row = (i - col) / grid.ncol;
      return [col, row, grid.originX + col * grid.cellSize, grid.originY + row * grid.cellSize, counts[i]!];
    },
    geometry: (i) => ({ type: 'Polygon', coordinates: [cellRing(grid, i)] }),
  };
}

async function areaUnits(values: Values, io: Io): Promise<Units> {
  const valueCol = values['value-col'] as string;
  const idCol = values['id-col'] as string | undefined;
  const neighboursCol = values['neighbours-col'] as string | undefined;
  const band = values['distance-band'] === undefined ? undefined : numberOption(values, 'distance-band');
  if (!neighboursCol && band === undefined) throw invalid('areas need --neighbours-col or --distance-band');
  const strings = [...(idCol ? [idCol] : []), ...(neighboursCol ? [neighboursCol] : [])];
  const points = await readPoints(values, io, { numbers: [valueCol], strings });
  const ids = idCol ? points.strings.get(idCol)! : Array.from(points.x, (_, i) => String(i + 1));
  let weights: SpatialWeights;
  if (neighboursCol) {
    const position = new Map(ids.map((id, i) => [id, i]));
    if (position.size !== ids.length) throw invalid(`--id-col ${idCol ?? ''} has repeated ids`);
    const lists = points.strings.get(neighboursCol)!.map((text, i) =>
      text.split(';').map((s) => s.trim()).filter(Boolean).map((id) => {
        const j = position.get(id);
        if (j === undefined) throw invalid(`area ${ids[i]} names an unknown neighbour ${id}`);
        return j;
      }),
    );
    weights = weightsFromNeighbourLists(lists);
  } else {
    weights = distanceBandWeights(points.x, points.y, band!);
  }
  const v = points.extra.get(valueCol)!;
  if (v.some((x) => !Number.isFinite(x))) throw invalid(`every area needs a number in ${valueCol}`);
  return {
    values: v,
    weights,
    header: ['id', 'x', 'y', 'value'],
    describe: (i) => [ids[i]!, points.x[i]!, points.y[i]!, v[i]!],
    geometry: (i) => ({ type: 'Point', coordinates: [points.x[i]!, points.y[i]!] }),
  };
}
