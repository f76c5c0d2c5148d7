import { csvLine } from '../csv.ts';
import { invalid } from '../errors.ts';
import { knoxTest } from '../knox.ts';
import { choiceOption, integerOption, listOption } from './options.ts';
import { readPoints } from './points.ts';
import { writeLines, type Io } from './output.ts';

/** `alianza analyze knox`: one CSV row per distance band × time band. */
export async function runKnox(values: Record<string, unknown>, io: Io): Promise<void> {
  if (values.format !== undefined && values.format !== 'csv') throw invalid('knox writes CSV only');
  const options = {
    distanceBreaks: listOption(values, 'distance-bands', [0, 1, 101, 201, 301, 401, 501])!,
    timeBreaks: listOption(values, 'time-bands', [0, 7, 14, 21, 28, 35])!,
    metric: choiceOption(values, 'metric', ['manhattan', 'euclidean'], 'manhattan'),
    closed: choiceOption(values, 'closed', ['left', 'right'], 'left'),
    permutations: integerOption(values, 'permutations', 999),
    seed: integerOption(values, 'seed', 1),
  };
  const points = await readPoints(values, io, { needDate: true });
  const r = knoxTest({ x: points.x, y: points.y, t: points.days! }, options);
  io.stderr.write(`knox: ${r.events} events, ${r.closePairs} pairs within ${options.distanceBreaks.at(-1)}, ${r.permutations} permutations\n`);
  const nt = r.timeLabels.length;
  await writeLines(io, values.output as string | undefined, (function* () {
    yield csvLine(['dist_band', 'time_band', 'observed', 'expected', 'exact_expected', 'knox_ratio', 'p_value']);
    for (let s = 0; s < r.distanceLabels.length; s++) {
      for (let t = 0; t < nt; t++) {
        const c = s * nt + t;
        yield csvLine([r.distanceLabels[s], r.timeLabels[t], r.observed[c]!, r.expected[c]!, r.exactExpected[c]!, r.knoxRatio[c]!, r.pValue[c]!]);
      }
    }
  })());
}
