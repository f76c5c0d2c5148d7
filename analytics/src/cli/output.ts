import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

/** Writes lines to --output or stdout, respecting back-pressure; resolves when all is flushed. */
export async function writeLines(io: Io, output: string | undefined, lines: Iterable<string>): Promise<void> {
  const target = output ? createWriteStream(output) : io.stdout;
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 1 << 16) {
      if (!target.write(buffer)) await once(target, 'drain');
      buffer = '';
    }
  }
  if (buffer) target.write(buffer);
  if (output) {
    target.end();
    await once(target, 'finish');
  }
}

/** A GeoJSON FeatureCollection written feature by feature. */
export function* featureCollection(features: Iterable<unknown>): Generator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for (const feature of features) {
    yield `${first ? '' : ',\n'}${JSON.stringify(feature)}`;
    first = false;
  }
  yield '\n]}\n';
}
