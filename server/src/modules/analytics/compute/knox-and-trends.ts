import { ALL, knoxTest, seasonalProfile, trendTable } from '../../../../../analytics/src/index.ts';
import type { Job, JobResult } from '../job.ts';
import { LIMITS } from '../limits.ts';
import { csvBytes, jsonBytes, projectPoints, resultHeader, type Report } from './output.ts';

const finite = (v: number) => (Number.isNaN(v) ? null : v);

/** Knox near-repeat test over the selected incidents: distances in metres (UTM), times in civil days. */
export function computeKnox(job: Job, report: Report): JobResult {
  if (job.request.statistic !== 'knox') throw new TypeError('not a Knox job');
  const { distanceBands, timeBands, metric, permutations, seed } = job.request.parameters;
  const { x, y } = projectPoints(job);
  report('computing', 0.05);
  const r = knoxTest(
    { x, y, t: job.points.day },
    {
      distanceBreaks: distanceBands,
      timeBreaks: timeBands,
      metric,
      permutations,
      seed,
      maxPairPermutations: LIMITS.maxKnoxPairWork,
      onProgress: (f) => report('computing', 0.05 + 0.9 * f),
    },
  );
  report('writing', 0.95);
  const nt = timeBands.length - 1;
  const cells = Array.from(r.observed, (observed, c) => {
    const s = Math.floor(c / nt);
    const t = c % nt;
    return {
      distanceBand: r.distanceLabels[s]!,
      timeBand: r.timeLabels[t]!,
      distanceFrom: distanceBands[s]!,
      distanceTo: distanceBands[s + 1]!,
      timeFrom: timeBands[t]!,
      timeTo: timeBands[t + 1]!,
      observed,
      expected: finite(r.expected[c]!),
      exactExpected: finite(r.exactExpected[c]!),
      knoxRatio: finite(r.knoxRatio[c]!),
      pValue: finite(r.pValue[c]!),
    };
  });
  const header = ['distance_band', 'time_band', 'observed', 'expected', 'exact_expected', 'knox_ratio', 'p_value'];
  return {
    json: jsonBytes({
      ...resultHeader(job),
      events: r.events,
      closePairs: r.closePairs,
      distanceBands: r.distanceLabels,
      timeBands: r.timeLabels,
      cells,
    }),
    csv: csvBytes(header, cells.map((c) => [c.distanceBand, c.timeBand, c.observed, c.expected, c.exactExpected, c.knoxRatio, c.pValue])),
    geojson: null,
    raster: null,
  };
}

const NONE = '(none)';
const keyOf = (value: string | null | undefined) => (value ? value : NONE);

/** Counts per week or month by ICCS category and administrative area, with exact Poisson tests and the seasonal profile. */
export function computeTrends(job: Job, report: Report): JobResult {
  if (job.request.statistic !== 'trends') throw new TypeError('not a trends job');
  const { period, category, byArea, exposure } = job.request.parameters;
  const input = {
    days: job.points.day,
    ...(category !== 'none' && job.points.category ? { categories: job.points.category.map(keyOf) } : {}),
    ...(byArea && job.points.area ? { areas: job.points.area.map(keyOf) } : {}),
  };
  const rows = trendTable(input, { period, exposure, ...(job.observedDays ? { observed: job.observedDays } : {}) });
  report('computing', 0.6);
  const seasonal = seasonalProfile(input);
  report('writing', 0.8);
  const areaName = (area: string) => (area === ALL || area === NONE ? null : (job.areaNames[area] ?? null));
  const named = rows.map((row) => ({ ...row, areaName: areaName(row.area) }));
  const header = ['period', 'category', 'area', 'area_name', 'count', 'days', 'previous', 'p_previous', 'last_year', 'p_last_year'];
  return {
    json: jsonBytes({ ...resultHeader(job), rows: named, seasonal: seasonal.map((s) => ({ ...s, index: finite(s.index), areaName: areaName(s.area) })) }),
    csv: csvBytes(header, named.map((r) => [r.period, r.category, r.area, r.areaName, r.count, r.days, r.previous, r.pPrevious, r.lastYear, r.pLastYear])),
    geojson: null,
    raster: null,
  };
}
