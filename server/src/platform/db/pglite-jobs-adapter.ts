import type { PGlite } from '@electric-sql/pglite';
import type { Mutex } from './mutex.ts';

/**
 * pg-boss's `db` option for PGlite. pg-boss sends its locked sections as one parameterless
 * string "BEGIN; ...; COMMIT;"; on a single connection a failure half-way would leave every
 * later statement in an aborted transaction, so the body runs in PGlite's own transaction,
 * which rolls back on error. Depends on pg-boss 10.4.x's SQL shape: the version is pinned.
 */
const LOCKED_SECTION = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;

export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number }>;
}

export function pgliteJobsAdapter(pglite: PGlite, mutex: Mutex): SqlExecutor {
  const shape = (r: { rows?: any[]; affectedRows?: number } | undefined) => ({
    rows: r?.rows ?? [],
    rowCount: r?.affectedRows ?? r?.rows?.length ?? 0,
  });
  return {
    executeSql: (text, values) =>
      mutex.run(async () => {
        if (values && values.length > 0) return shape(await pglite.query(text, values));
        const locked = LOCKED_SECTION.exec(text);
        if (locked) {
          const results = await pglite.transaction((tx) => tx.exec(locked[1]!));
          return shape(results.at(-1));
        }
        return shape((await pglite.exec(text)).at(-1));
      }),
  };
}
