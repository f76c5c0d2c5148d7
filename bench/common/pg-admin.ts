import pg from 'pg';

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drops and recreates `database` next to `adminUrl`, with PostGIS; returns its URL and the server version. */
export async function recreatePostgisDatabase(adminUrl: string, database: string): Promise<{ url: string; version: string }> {
  const version = (await adminQuery(adminUrl, 'show server_version')).rows[0].server_version as string;
  await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
  await adminQuery(adminUrl, `create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await adminQuery(url.toString(), 'create extension postgis');
  return { url: url.toString(), version };
}
