import type { components } from '../../api/schema.ts';
import { endOfDay, startOfDay } from './civil-days.ts';

export type RunRequest = components['schemas']['AnalysisRequestInput'];

export const KINDS = ['gistar', 'moran', 'kde', 'grid', 'h3', 'knox', 'trends'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * One analysis as the page's address holds it: every value a string (as typed), so a shared
 * link reproduces the form exactly and the server, not the browser, judges the values.
 */
export interface AnalysisQuery {
  kind: Kind;
  iccs: string[];
  /** Civil days (YYYY-MM-DD) in `tz`, both included; '' for open. */
  from: string;
  to: string;
  /** Organisation whose jurisdiction is the study area; '' for everything visible. */
  area: string;
  tz: string;
  cellSize: string;
  resolution: string;
  window: '' | 'day' | 'week' | 'month';
  bandwidth: string;
  pixel: string;
  kernel: 'gaussian' | 'quartic';
  permutations: string;
  seed: string;
  fdr: boolean;
  distanceBands: string;
  timeBands: string;
  metric: 'manhattan' | 'euclidean';
  knoxPermutations: string;
  period: 'month' | 'week';
  split: 'none' | 'section' | 'division';
}

/** The form's fields for each kind (besides the selection): what the address carries. */
export const FIELDS_OF: Record<Kind, (keyof AnalysisQuery)[]> = {
  gistar: ['cellSize', 'permutations', 'seed', 'fdr'],
  moran: ['cellSize', 'permutations', 'seed', 'fdr'],
  kde: ['kernel', 'bandwidth', 'pixel'],
  grid: ['cellSize', 'window'],
  h3: ['resolution', 'window'],
  knox: ['distanceBands', 'timeBands', 'metric', 'knoxPermutations', 'seed'],
  trends: ['period', 'split'],
};

const SELECTION_FIELDS = ['iccs', 'from', 'to', 'area', 'tz'] as const;

export function defaultQuery(tz = browserTimeZone()): AnalysisQuery {
  return {
    kind: 'gistar',
    iccs: [],
    from: '',
    to: '',
    area: '',
    tz,
    cellSize: '500',
    resolution: '8',
    window: '',
    bandwidth: '400',
    pixel: '100',
    kernel: 'gaussian',
    permutations: '999',
    seed: '1',
    fdr: false,
    distanceBands: '0, 100, 200, 300, 400, 500',
    timeBands: '0, 7, 14, 21, 28, 35',
    metric: 'manhattan',
    knoxPermutations: '99',
    period: 'month',
    split: 'none',
  };
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const isKind = (v: string | null): v is Kind => !!v && (KINDS as readonly string[]).includes(v);
const oneOf = <T extends string>(value: string | null, options: readonly T[], fallback: T): T => (value !== null && (options as readonly string[]).includes(value) ? (value as T) : fallback);

/** The analysis in an address, or null when the address asks for none (the empty form). */
export function parseQuery(params: URLSearchParams): AnalysisQuery | null {
  const kind = params.get('kind');
  if (!isKind(kind)) return null;
  const d = defaultQuery(params.get('tz') || undefined);
  const text = (key: string, fallback: string) => params.get(key) ?? fallback;
  return {
    ...d,
    kind,
    iccs: (params.get('iccs') ?? '').split(',').filter(Boolean),
    from: text('from', ''),
    to: text('to', ''),
    area: text('area', ''),
    cellSize: text('cellSize', d.cellSize),
    resolution: text('resolution', d.resolution),
    window: oneOf(params.get('window'), ['', 'day', 'week', 'month'], d.window),
    bandwidth: text('bandwidth', d.bandwidth),
    pixel: text('pixel', d.pixel),
    kernel: oneOf(params.get('kernel'), ['gaussian', 'quartic'], d.kernel),
    permutations: text('permutations', d.permutations),
    seed: text('seed', d.seed),
    fdr: params.get('fdr') === '1',
    distanceBands: text('distanceBands', d.distanceBands),
    timeBands: text('timeBands', d.timeBands),
    metric: oneOf(params.get('metric'), ['manhattan', 'euclidean'], d.metric),
    knoxPermutations: text('knoxPermutations', d.knoxPermutations),
    period: oneOf(params.get('period'), ['month', 'week'], d.period),
    split: oneOf(params.get('split'), ['none', 'section', 'division'], d.split),
  };
}

/** The address of an analysis: the selection and the fields of its kind, nothing else. */
export function formatQuery(query: AnalysisQuery): URLSearchParams {
  const params = new URLSearchParams({ kind: query.kind });
  for (const key of [...SELECTION_FIELDS, ...FIELDS_OF[query.kind]]) {
    const value = query[key];
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else if (typeof value === 'boolean') {
      if (value) params.set(key, '1');
    } else if (value !== '') params.set(key, value);
  }
  return params;
}

/**
 * The query string of an analysis, with "/" left readable (time zones): the sign-in page's
 * check of where to return refuses an encoded slash, and a shared link must survive signing in.
 */
export const queryString = (query: AnalysisQuery): string => formatQuery(query).toString().replace(/%2F/gi, '/');

/** A number as typed: blank or not a number is sent as null so the server names the field. */
const num = (value: string): number => (value.trim() === '' ? (null as unknown as number) : Number(value.replace(',', '.')));
const list = (value: string): number[] => value.split(/[\s;,]+/).filter(Boolean).map(Number);

/** The API request for an analysis. */
export function toRequest(query: AnalysisQuery): RunRequest {
  const selection = {
    iccs: query.iccs,
    sources: [],
    timeZone: query.tz,
    ...(query.from ? { from: startOfDay(query.from, query.tz) } : {}),
    ...(query.to ? { to: endOfDay(query.to, query.tz) } : {}),
    ...(query.area ? { area: { kind: 'jurisdiction' as const, orgId: query.area } } : {}),
  };
  const window = query.window ? { window: query.window } : {};
  switch (query.kind) {
    case 'gistar':
    case 'moran':
      return {
        statistic: query.kind,
        selection,
        parameters: { units: { kind: 'grid', cellSize: num(query.cellSize), contiguity: 'queen' }, permutations: num(query.permutations), seed: num(query.seed), fdr: query.fdr },
      };
    case 'kde':
      return { statistic: 'kde', selection, parameters: { kernel: query.kernel, bandwidth: num(query.bandwidth), cellSize: num(query.pixel) } };
    case 'grid':
      return { statistic: 'grid', selection, parameters: { cellSize: num(query.cellSize), ...window } };
    case 'h3':
      return { statistic: 'h3', selection, parameters: { resolution: num(query.resolution), ...window } };
    case 'knox':
      return {
        statistic: 'knox',
        selection,
        parameters: { distanceBands: list(query.distanceBands), timeBands: list(query.timeBands), metric: query.metric, permutations: num(query.knoxPermutations), seed: num(query.seed) },
      };
    case 'trends':
      return { statistic: 'trends', selection, parameters: { period: query.period, category: query.split } };
  }
}

/** Where the server's field errors (their `field` path) show in the form. */
const FIELD_PATHS: Partial<Record<keyof AnalysisQuery, string[]>> = {
  iccs: ['selection.iccs'],
  from: ['selection.from'],
  to: ['selection.to'],
  area: ['selection.area'],
  tz: ['selection.timeZone'],
  cellSize: ['parameters.cellSize', 'parameters.units.cellSize', 'parameters.units'],
  resolution: ['parameters.resolution'],
  window: ['parameters.window'],
  bandwidth: ['parameters.bandwidth'],
  pixel: ['parameters.cellSize'],
  kernel: ['parameters.kernel'],
  permutations: ['parameters.permutations'],
  knoxPermutations: ['parameters.permutations'],
  seed: ['parameters.seed'],
  distanceBands: ['parameters.distanceBands'],
  timeBands: ['parameters.timeBands'],
  metric: ['parameters.metric'],
  period: ['parameters.period'],
  split: ['parameters.category'],
};

export interface FieldErrors {
  fields: Partial<Record<keyof AnalysisQuery, string>>;
  /** Messages that belong to no field of the form shown (e.g. the whole selection is empty). */
  other: string[];
}

/** Sorts the server's field details onto the fields of the form of `kind`. */
export function fieldErrorsOf(kind: Kind, details: readonly { field: string; message: string }[]): FieldErrors {
  const shown = new Set<keyof AnalysisQuery>([...SELECTION_FIELDS, ...FIELDS_OF[kind]]);
  const result: FieldErrors = { fields: {}, other: [] };
  for (const detail of details) {
    const field = [...shown].find((f) => FIELD_PATHS[f]?.some((p) => detail.field === p || detail.field.startsWith(`${p}.`)));
    if (field && !result.fields[field]) result.fields[field] = detail.message;
    else if (!field) result.other.push(detail.message);
  }
  return result;
}
