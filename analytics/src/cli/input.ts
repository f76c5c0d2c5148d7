import { createReadStream } from 'node:fs';
import { AnalyticsError, invalid } from '../errors.ts';
import { CsvParser } from '../csv.ts';
import { parseDay } from '../dates.ts';

export interface ColumnRequest {
  /** Columns read as numbers; an empty field is NaN, any other non-number an error. */
  numbers: string[];
  /** Columns read as text. */
  strings: string[];
  /** Column read as a date (day number); an unparseable date is an error. */
  date?: string;
  from?: number;
  to?: number;
  where: { column: string; value: string }[];
}

export interface Columns {
  numbers: Map<string, Float64Array>;
  strings: Map<string, string[]>;
  days: Float64Array | null;
  /** Records read (header excluded) and records kept by the filters. */
  read: number;
  kept: number;
}

export function parseWhere(conditions: readonly string[] | undefined): { column: string; value: string }[] {
  return (conditions ?? []).map((c) => {
    const at = c.indexOf('=');
    if (at <= 0) throw invalid(`--where takes COLUMN=VALUE, not "${c}"`);
    return { column: c.slice(0, at), value: c.slice(at + 1) };
  });
}

/**
 * Streams a CSV file and keeps only the requested columns of the rows that pass the filters,
 * so memory grows with the kept values, not with the file.
 */
export async function readColumns(file: string, request: ColumnRequest): Promise<Columns> {
  const parser = new CsvParser();
  let header: string[] | null = null;
  let index: { numbers: number[]; strings: number[]; date: number; where: number[] } | null = null;
  const numbers = request.numbers.map(() => [] as number[]);
  const strings = request.strings.map(() => [] as string[]);
  const days: number[] = [];
  let read = 0;
  const column = (name: string) => {
    const k = header!.indexOf(name);
    if (k < 0) throw new AnalyticsError('BAD_INPUT', `${file} has no column "${name}" (columns: ${header!.join(', ')})`, { column: name });
    return k;
  };
  const take = (record: string[], line: number) => {
    if (!header) {
      header = record;
      index = {
        numbers: request.numbers.map(column),
        strings: request.strings.map(column),
        date: request.date ? column(request.date) : -1,
        where: request.where.map((w) => column(w.column)),
      };
      return;
    }
    read++;
    const ix = index!;
    for (let k = 0; k < ix.where.length; k++) if ((record[ix.where[k]!] ?? '') !== request.where[k]!.value) return;
    let day = Number.NaN;
    if (ix.date >= 0) {
      const text = record[ix.date] ?? '';
      const parsed = parseDay(text);
      if (parsed === null) throw new AnalyticsError('BAD_INPUT', `line ${line}: "${text}" in ${request.date} is not a date (YYYY-MM-DD or YYYY-MM)`, { line });
      day = parsed;
      if ((request.from !== undefined && day < request.from) || (request.to !== undefined && day > request.to)) return;
    }
    const values: number[] = [];
    for (let k = 0; k < ix.numbers.length; k++) {
      const text = (record[ix.numbers[k]!] ?? '').trim();
      const v = text === '' ? Number.NaN : Number(text);
      if (text !== '' && !Number.isFinite(v)) throw new AnalyticsError('BAD_INPUT', `line ${line}: "${text}" in ${request.numbers[k]} is not a number`, { line });
      values.push(v);
    }
    values.forEach((v, k) => numbers[k]!.push(v));
    ix.strings.forEach((c, k) => strings[k]!.push(record[c] ?? ''));
    if (ix.date >= 0) days.push(day);
  };
  try {
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      // One chunk holds many records: each keeps the line it started on, for error messages.
      parser.push(chunk as string).forEach((record, i) => take(record, parser.recordLines[i]!));
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AnalyticsError('BAD_INPUT', `cannot read ${file}: no such file`, { file });
    throw err;
  }
  parser.end().forEach((record, i) => take(record, parser.recordLines[i]!));
  if (!header) throw new AnalyticsError('EMPTY_INPUT', `${file} is empty`, { file });
  return {
    numbers: new Map(request.numbers.map((name, k) => [name, Float64Array.from(numbers[k]!)])),
    strings: new Map(request.strings.map((name, k) => [name, strings[k]!])),
    days: request.date ? Float64Array.from(days) : null,
    read,
    kept: days.length || numbers[0]?.length || strings[0]?.length || 0,
  };
}

/** Indices of the rows whose given numeric columns are all finite (located events). */
export function locatedRows(...columns: Float64Array[]): Int32Array {
  const n = columns[0]?.length ?? 0;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (columns.every((c) => Number.isFinite(c[i]!))) keep.push(i);
  return Int32Array.from(keep);
}

export function pick(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (i) => values[i]!);
}
