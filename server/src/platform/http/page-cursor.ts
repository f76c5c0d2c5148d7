import type { z } from 'zod';
import { invalidField } from '../errors/app-error.ts';

/** An opaque keyset cursor: the sort key of the last row of a page, as base64url JSON. */
export const encodeCursor = (key: object): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The key a cursor holds, checked against `shape`; any malformed cursor is the same field error. */
export function decodeCursor<S extends z.ZodType>(shape: S, cursor: string | undefined): z.infer<S> | null {
  if (!cursor) return null;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: the same field error
  }
  throw invalidField('cursor', 'invalid');
}
