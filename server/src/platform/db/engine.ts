import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex } from './mutex.ts';
import { pgliteDialect } from './pglite-driver.ts';
import { pgliteJobsAdapter, type SqlExecutor } from './pglite-jobs-adapter.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** How the job queue reaches the database: its own pool on PostgreSQL, our executor on PGlite. */
export type JobsConnection = { connectionString: string } | { db: SqlExecutor };

export type NotificationListener = (payload: string) => void;
/** Called when notifications may have been missed (the LISTEN connection was re-established). */
export type GapListener = () => void;

/**
 * The one place that knows which database engine runs. Everything else sees a Kysely
 * instance, LISTEN/NOTIFY through `listen`, and an opaque connection for the job queue.
 */
export interface Engine {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  listen(channel: string, listener: NotificationListener, onGap?: GapListener): Promise<() => Promise<void>>;
  jobsConnection(): JobsConnection;
  close(): Promise<void>;
}

export type EngineOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openEngine(options: EngineOptions): Promise<Engine> {
  return options.kind === 'postgres' ? openPostgres(options.url, options.poolSize ?? 20) : openPglite(options);
}

// int8 as a JS number (audit sequence, counts) on both engines, as PGlite does by default.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string, poolSize: number): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  pool.on('error', () => {}); // an idle client dropped by the server; the pool replaces it
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PostgresListener(url);
  return {
    kind: 'postgres',
    db,
    listen: (channel, fn, onGap) => listener.listen(channel, fn, onGap),
    jobsConnection: () => ({ connectionString: url }),
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

/** Extensions the migrations create: every embedded database must load the same set. */
export const PGLITE_EXTENSIONS = { postgis, pg_trgm };

async function openPglite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Engine> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite, mutex) });
  return {
    kind: 'pglite',
    db,
    async listen(channel, fn) {
      const unlisten = await pglite.listen(channel, fn);
      return async () => unlisten();
    },
    jobsConnection: () => ({ db: pgliteJobsAdapter(pglite, mutex) }),
    async close() {
      await mutex.run(() => pglite.close());
    },
  };
}

/** One dedicated connection for LISTEN, re-established with its channels if it drops. */
class PostgresListener {
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #closed = false;
  #everConnected = false;
  readonly #listeners = new Map<string, Set<NotificationListener>>();
  readonly #gapListeners = new Set<GapListener>();

  constructor(private readonly url: string) {}

  async listen(channel: string, fn: NotificationListener, onGap?: GapListener): Promise<() => Promise<void>> {
    if (onGap) this.#gapListeners.add(onGap);
    let set = this.#listeners.get(channel);
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
      const client = await this.#connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } else {
      await this.#connect();
    }
    set.add(fn);
    return async () => {
      set.delete(fn);
      if (onGap) this.#gapListeners.delete(onGap);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (msg) => {
        for (const fn of this.#listeners.get(msg.channel) ?? []) fn(msg.payload ?? '');
      });
      client.on('error', () => this.#reconnectSoon(client));
      client.on('end', () => this.#reconnectSoon(client));
      await client.connect();
      for (const channel of this.#listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      const reconnected = this.#everConnected;
      this.#everConnected = true;
      this.#client = client;
      if (reconnected) for (const gap of this.#gapListeners) gap();
      return client;
    })().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  #reconnectSoon(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = null;
    const retry = () => {
      if (this.#closed) return;
      this.#connect().catch(() => setTimeout(retry, 1000).unref());
    };
    setTimeout(retry, 200).unref();
  }
}
