import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../server/src/config.ts';
import { SCOPES, type Actor, type Scope } from '../../server/src/platform/auth/actor.ts';
import { findTokenPrincipal } from '../../server/src/platform/auth/principal-queries.ts';
import { sha256 } from '../../server/src/platform/auth/secrets.ts';
import type { Db, Engine } from '../../server/src/platform/db/engine.ts';
import type { Database } from '../../server/src/platform/db/schema.ts';
import { CreateNoteBody } from '../../server/src/modules/notes/schemas.ts';
import { createNote, listNotes } from '../../server/src/modules/notes/service.ts';
import { serviceContext } from './seed.ts';

export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/** The exact statements one API read and one API write issue, captured from the service layer. */
export interface CapturedSql {
  tokenLookup: Statement;
  read: Statement[];
  write: Statement[];
  /** Values to replace in each replay: the request id, and the id of the note the write created. */
  requestId: string;
  noteId: string;
}

export const WRITE_BODY = { tlp: 'GREEN', title: 'Bench note', body: 'Written by the API benchmark.' } as const;

/** The actor `authenticate` builds for a Bearer token, from the same principal query. */
export async function tokenActor(db: Db, token: string, requestId: string): Promise<Actor & { userId: string }> {
  const principal = await findTokenPrincipal(db, sha256(token));
  if (!principal) throw new Error('bench token not found');
  const scopes = new Set(principal.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
  return { kind: 'user', userId: principal.userId, isPlatformAdmin: principal.isPlatformAdmin, memberships: principal.memberships, scopes, requestId, locale: 'es' };
}

/**
 * Runs the notes service once for a read and once for a write on a Kysely instance whose
 * `log` hook records every statement (BEGIN and COMMIT included), so the raw loop replays
 * what the API really sends rather than a hand-written approximation.
 */
export async function captureSql(engine: Engine, url: string, config: Config, token: string): Promise<CapturedSql> {
  const statements: Statement[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    log(event) {
      if (event.level === 'query') statements.push({ sql: event.query.sql, params: [...event.query.parameters] });
    },
  });
  try {
    const ctx = { ...serviceContext(engine, config), db };
    const requestId = randomUUID();
    const actor = await tokenActor(db, token, requestId);
    const tokenLookup = statements.splice(0)[0]!;
    await listNotes(ctx, actor, {}, { limit: 20 });
    const read = statements.splice(0);
    const note = await createNote(ctx, actor, CreateNoteBody.parse(WRITE_BODY));
    const write = statements.splice(0);
    return { tokenLookup, read, write, requestId, noteId: note.id };
  } finally {
    await db.destroy();
  }
}

const substitute = (params: readonly unknown[], replacements: [string, string][]) =>
  params.map((p) => (typeof p === 'string' ? replacements.reduce((text, [from, to]) => text.replaceAll(from, to), p) : p));

const has = (s: Statement, text: string) => s.sql.toLowerCase().includes(text);
const isTransactionControl = (s: Statement) => /^(begin|commit)$/i.test(s.sql.trim());

/** A short name for a captured statement, for the report. */
export function label(s: Statement): string {
  const text = s.sql.toLowerCase();
  if (isTransactionControl(s)) return text.trim().toUpperCase();
  if (text.includes('from "api_tokens"')) return 'token lookup';
  if (text.includes('from "notes" as "n"')) return text.includes('record_sharing_groups g') ? 'visibility SELECT (with distribution sub-selects)' : 'visibility SELECT';
  if (text.includes('with "appended"')) return 'audit insert (audit_log + audit_pending CTE)';
  if (text.includes('insert into "notes"')) return 'insert note';
  if (text.includes('pg_notify')) return 'pg_notify';
  const table = /(?:from|into|update) "?([a-z_]+)"?/.exec(text)?.[1] ?? '?';
  return `${text.trim().split(/\s+/)[0]} ${table}`;
}

/**
 * Raw replays on a plain `pg` pool (one `pool.query` per statement, as Kysely does outside a
 * transaction; one checked-out client for the write transaction).
 *  - `core`: read = the visibility SELECT + the audit insert of the read;
 *    write = BEGIN; insert note; audit_log+audit_pending CTE; pg_notify; COMMIT.
 *  - `full`: every statement the API issues for the request, in order (also the token
 *    lookup, and whatever else the service sends at the time: e.g. distribution loads or
 *    deletes; parallel reads outside a transaction stay parallel).
 */
export function rawOperations(pool: pg.Pool, captured: CapturedSql) {
  const readSelect = captured.read.find((s) => has(s, 'from "notes" as "n"'))!;
  const readAudit = captured.read.find((s) => has(s, 'with "appended"'));
  const readDistribution = captured.read.filter((s) => has(s, 'from "record_sharing_groups"') || has(s, 'from "record_recipients"'));
  const insertNote = captured.write.find((s) => has(s, 'insert into "notes"'))!;
  const writeRest = captured.write.filter((s) => s !== insertNote && !isTransactionControl(s));
  const coreRest = writeRest.filter((s) => has(s, 'with "appended"') || has(s, 'pg_notify'));
  if (!readSelect || !insertNote) throw new Error('captured SQL is missing the notes statements');

  const query = (s: Statement, replacements: [string, string][] = []) => pool.query(s.sql, substitute(s.params, replacements) as unknown[]);
  const requestIdFor = (): [string, string][] => [[captured.requestId, randomUUID()]];

  const write = async (rest: Statement[]) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ id: string }>(insertNote.sql, insertNote.params as unknown[]);
      const replacements: [string, string][] = [[captured.noteId, rows[0]!.id], [captured.requestId, randomUUID()]];
      for (const s of rest) await client.query(s.sql, substitute(s.params, replacements) as unknown[]);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };

  return {
    /** The statements of each variant, in order. */
    describe: {
      readCore: [readSelect, ...(readAudit ? [readAudit] : [])].map(label),
      readFull: [captured.tokenLookup, ...captured.read].map(label),
      writeCore: ['BEGIN', label(insertNote), ...coreRest.map(label), 'COMMIT'],
      writeFull: [label(captured.tokenLookup), 'BEGIN', label(insertNote), ...writeRest.map(label), 'COMMIT'],
    },
    async readCore() {
      await query(readSelect);
      if (readAudit) await query(readAudit, requestIdFor());
    },
    async readFull() {
      await query(captured.tokenLookup);
      await query(readSelect);
      if (readAudit) await query(readAudit, requestIdFor());
      await Promise.all(readDistribution.map((s) => query(s)));
    },
    writeCore: () => write(coreRest),
    async writeFull() {
      await query(captured.tokenLookup);
      await write(writeRest);
    },
  };
}
