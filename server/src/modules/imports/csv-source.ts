import { CsvParser } from '../../../../analytics/src/csv.ts';
import { AnalyticsError } from '../../../../analytics/src/errors.ts';
import type { CsvDelimiter } from './profile.ts';
import type { RecordSource, SourceRecord } from './source-record.ts';

/**
 * A CSV file (RFC 4180, UTF-8) as records, parsed chunk by chunk as the bytes arrive: memory
 * holds one chunk's records, never the file. The header line is read before this returns.
 */
export async function openCsvSource(bytes: AsyncIterable<string | Uint8Array>, delimiter: CsvDelimiter = ','): Promise<RecordSource | null> {
  const parser = new CsvParser(delimiter);
  const decoder = new TextDecoder('utf-8');
  const chunks = bytes[Symbol.asyncIterator]();
  let pending: SourceRecord[] = [];
  let done = false;

  const parse = (text: string | null): SourceRecord[] => {
    try {
      const records = text === null ? [...parser.push(decoder.decode()), ...parser.end()] : parser.push(text);
      // `recordLines` belongs to the last push; `end` after a final push never returns records of both.
      const lines = parser.recordLines;
      return records.map((values, i) => ({ ref: lines[i] ?? parser.recordLine, values }));
    } catch (err) {
      // Only `end` throws: the last record opened a quote it never closed. It is that record's problem.
      if (!(err instanceof AnalyticsError)) throw err;
      return [{ ref: Number(err.details.line ?? parser.recordLine), values: [], problem: 'unterminated_quote' }];
    }
  };
  const next = async (): Promise<SourceRecord[] | null> => {
    if (done) return null;
    const chunk = await chunks.next();
    if (chunk.done) {
      done = true;
      return parse(null);
    }
    return parse(typeof chunk.value === 'string' ? chunk.value : decoder.decode(chunk.value, { stream: true }));
  };

  while (pending.length === 0) {
    const got = await next();
    if (got === null) return null; // no header: an empty file
    pending = got;
  }
  const header = pending.shift()!.values.map((h) => h.trim());
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    if (pending.length > 0) yield pending;
    pending = [];
    for (let got = await next(); got !== null; got = await next()) if (got.length > 0) yield got;
  }
  return { refKind: 'line', header, hasGeometry: false, batches: batches() };
}
