import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/engine.ts';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const hmac = (key: string, value: string) => createHmac('sha256', key).update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const cache = new WeakMap<Db, Map<string, string>>();

/** A per-deployment secret, created once and shared by all instances through the database. */
export async function platformSecret(db: Db, name: string): Promise<string> {
  const cached = cache.get(db)?.get(name);
  if (cached) return cached;
  await db.insertInto('platform_secrets').values({ name, value: randomToken(32) }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('platform_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  if (!cache.has(db)) cache.set(db, new Map());
  cache.get(db)!.set(name, row.value);
  return row.value;
}
