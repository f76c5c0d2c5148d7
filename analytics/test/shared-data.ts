// Test support: the project's shared data and R reference outputs (../shared next to the
// repository, or ALIANZA_SHARED_DIR). They are not copied into the repository: the reference
// files are ~20 MB. Missing files fail the tests loudly rather than skipping them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/csv.ts';

export const SHARED_DIR = process.env.ALIANZA_SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url));

export function sharedPath(relative: string): string {
  const file = path.join(SHARED_DIR, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: the analytics tests need the shared data (set ALIANZA_SHARED_DIR)`);
  return file;
}

export interface Table {
  header: string[];
  rows: string[][];
  column(name: string): string[];
  numbers(name: string): Float64Array;
}

const cache = new Map<string, Table>();

export function readSharedCsv(relative: string): Table {
  const cached = cache.get(relative);
  if (cached) return cached;
  const [header = [], ...rows] = parseCsv(readFileSync(sharedPath(relative), 'utf8'));
  const index = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${relative} has no column ${name}`);
    return k;
  };
  const table: Table = {
    header,
    rows,
    column: (name) => rows.map((r) => r[index(name)] ?? ''),
    numbers: (name) => Float64Array.from(rows, (r) => Number(r[index(name)])),
  };
  cache.set(relative, table);
  return table;
}

/** Portland calls for service with coordinates (the README's 19,375 points), in feet. */
export function portlandPoints(): { x: Float64Array; y: Float64Array; dates: string[] } {
  const t = readSharedCsv('data/portland-cfs-2016-08.csv');
  const located = t.rows.filter((r) => r[t.header.indexOf('x_ft')] !== '');
  const col = (name: string) => t.header.indexOf(name);
  return {
    x: Float64Array.from(located, (r) => Number(r[col('x_ft')])),
    y: Float64Array.from(located, (r) => Number(r[col('y_ft')])),
    dates: located.map((r) => r[col('occ_date')]!),
  };
}

/** |a − b| within tol relative to |b|, or absolutely when |b| < 1. */
export function closeTo(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

/** Largest value (Math.max(...array) overflows the stack on large arrays). */
export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}
