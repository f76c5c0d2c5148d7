import { csvLine } from '../csv.ts';
import { AnalyticsError, invalid } from '../errors.ts';
import { seasonalProfile, trendTable } from '../trends.ts';
import { choiceOption, dateOption } from './options.ts';
import { parseWhere, readColumns } from './input.ts';
import { writeLines, type Io } from './output.ts';

/** `alianza analyze trend`: counts per period (or the seasonal profile) as CSV. */
export async function runTrend(values: Record<string, unknown>, io: Io): Promise<void> {
  if (values.format !== undefined && values.format !== 'csv') throw invalid('trend writes CSV only');
  const input = values.input;
  if (typeof input !== 'string' || input === '') throw invalid('--input is required');
  const period = choiceOption(values, 'period', ['month', 'week'], 'month');
  const exposure = choiceOption(values, 'exposure', ['days', 'equal'], 'days');
  const categoryCol = values['category-col'] as string | undefined;
  const areaCol = values['area-col'] as string | undefined;
  const columns = await readColumns(input, {
    numbers: [],
    strings: [...(categoryCol ? [categoryCol] : []), ...(areaCol ? [areaCol] : [])],
    date: (values['date-col'] as string | undefined) ?? 'date',
    from: dateOption(values, 'from'),
    to: dateOption(values, 'to'),
    where: parseWhere(values.where as string[] | undefined),
  });
  io.stderr.write(`${input}: ${columns.read} rows read, ${columns.kept} selected\n`);
  if (columns.kept === 0) throw new AnalyticsError('EMPTY_INPUT', 'no row passes the filters', { read: columns.read });
  const data = {
    days: columns.days!,
    categories: categoryCol ? columns.strings.get(categoryCol) : undefined,
    areas: areaCol ? columns.strings.get(areaCol) : undefined,
  };
  const output = values.output as string | undefined;
  if (values.seasonal === true) {
    const rows = seasonalProfile(data);
    await writeLines(io, output, (function* () {
      yield csvLine(['category', 'area', 'month', 'years', 'mean', 'index']);
      for (const r of rows) yield csvLine([r.category, r.area, r.month, r.years, r.mean, r.index]);
    })());
    return;
  }
  // Both ends of the selection given: periods it cuts short are tested on their covered days.
  const from = dateOption(values, 'from');
  const to = dateOption(values, 'to');
  const rows = trendTable(data, { period, exposure, ...(from !== undefined && to !== undefined ? { observed: { first: from, last: to } } : {}) });
  await writeLines(io, output, (function* () {
    yield csvLine(['period', 'category', 'area', 'count', 'days', 'previous', 'p_previous', 'last_year', 'p_last_year']);
    for (const r of rows) yield csvLine([r.period, r.category, r.area, r.count, r.days, r.previous, r.pPrevious, r.lastYear, r.pLastYear]);
  })());
}
