import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PGLITE_TEMPLATE = path.join(ROOT, '.cache', 'pglite-template.tar.gz');

/** Tests run on PostgreSQL when DATABASE_URL is set, on embedded PGlite otherwise. */
export const testEngineKind = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

export function databaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export const templateDatabaseName = () => `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_template`;

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const pgliteTemplateExists = () => existsSync(PGLITE_TEMPLATE);
