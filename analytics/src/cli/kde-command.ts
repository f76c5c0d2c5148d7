import { contours } from '../contours.ts';
import { csvLine } from '../csv.ts';
import { invalid, requirePositive } from '../errors.ts';
import { kernelDensity } from '../kde.ts';
import { choiceOption, listOption, numberOption } from './options.ts';
import { gridFromOptions, parseGridOptions, readPoints } from './points.ts';
import { featureCollection, writeLines, type Io } from './output.ts';

/** `alianza analyze kde`: the raster as CSV, or its contour lines as GeoJSON. */
export async function runKde(values: Record<string, unknown>, io: Io): Promise<void> {
  const format = choiceOption(values, 'format', ['csv', 'geojson'], 'csv');
  const levels = listOption(values, 'contours');
  if (format === 'geojson' && !levels) throw invalid('kde --format geojson writes contour lines: give --contours L1,L2,...');
  const kernel = choiceOption(values, 'kernel', ['gaussian', 'quartic'], 'gaussian');
  const bandwidth = numberOption(values, 'bandwidth');
  requirePositive('bandwidth', bandwidth);
  const gridOptions = parseGridOptions(values);
  const points = await readPoints(values, io);
  const raster = gridFromOptions(gridOptions, points.x, points.y);
  io.stderr.write(`kde: ${raster.ncol} × ${raster.nrow} pixels of ${raster.cellSize}, ${kernel} bandwidth ${bandwidth}\n`);
  const { density, dropped } = kernelDensity(points, raster, { kernel, bandwidth, edgeCorrection: values.edge === true });
  if (dropped > 0) io.stderr.write(`${dropped} points outside the raster left out\n`);
  const output = values.output as string | undefined;
  if (format === 'geojson') {
    const features = contours(density, raster, levels!).map((c) => ({
      type: 'Feature',
      geometry: { type: 'MultiLineString', coordinates: c.lines.map((l) => l.coordinates) },
      properties: { level: c.level, closed: c.lines.map((l) => l.closed) },
    }));
    await writeLines(io, output, featureCollection(features));
    return;
  }
  await writeLines(io, output, (function* () {
    yield csvLine(['x_center', 'y_center', 'density']);
    for (let row = 0; row < raster.nrow; row++) {
      const y = raster.originY + (row + 0.5) * raster.cellSize;
      for (let col = 0; col < raster.ncol; col++) yield csvLine([raster.originX + (col + 0.5) * raster.cellSize, y, density[row * raster.ncol + col]!]);
    }
  })());
}
