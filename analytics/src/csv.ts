import { AnalyticsError } from './errors.ts';

/**
 * Incremental RFC 4180 CSV parser: feed text chunks as they arrive (a file stream), get the
 * complete records back. Handles quoted fields with commas, doubled quotes and line breaks
 * inside, CRLF or LF line ends, a final line without a line end, and a UTF-8 byte-order mark.
 * A quote inside an unquoted field is kept as text (lenient, like most spreadsheet exports).
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quoteSeen = false; // a quote just closed, or a doubled quote is pending
  private atFieldStart = true;
  private started = false;
  private line = 1;
  /** Line number (1-based) where the most recently completed record started. */
  recordLine = 1;
  /** Line numbers where each record returned by the latest `push` or `end` started, in order. */
  recordLines: number[] = [];
  private recordStart = 1;

  constructor(private readonly delimiter = ',') {}

  push(chunk: string): string[][] {
    const out: string[][] = [];
    this.recordLines = [];
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const delim = this.delimiter;
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.countLines(text, i, n);
          this.field += text.slice(i);
          i = n;
          break;
        }
        this.countLines(text, i, q);
        this.field += text.slice(i, q);
        this.inQuotes = false;
        this.quoteSeen = true;
        i = q + 1;
        continue;
      }
      const c = text[i]!;
      if (this.skipLf) {
        // the LF of a CRLF pair, possibly at the start of the next chunk
        this.skipLf = false;
        if (c === '\n') {
          i++;
          continue;
        }
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          this.inQuotes = true;
          i++;
          continue;
        }
      }
      if (c === '"' && this.atFieldStart) {
        this.inQuotes = true;
        this.atFieldStart = false;
        i++;
      } else if (c === delim) {
        this.endField();
        i++;
      } else if (c === '\n' || c === '\r') {
        i++;
        this.endRecord(out);
        this.skipLf = c === '\r';
        this.line++;
        this.recordStart = this.line;
      } else {
        // fast path: copy a run of ordinary characters
        let j = i + 1;
        while (j < n) {
          const d = text[j]!;
          if (d === delim || d === '\n' || d === '\r') break;
          j++;
        }
        this.field += text.slice(i, j);
        this.atFieldStart = false;
        i = j;
      }
    }
    return out;
  }

  private skipLf = false;

  /** Flushes the last record when the input does not end with a line break. */
  end(): string[][] {
    const out: string[][] = [];
    this.recordLines = [];
    if (this.inQuotes) throw new AnalyticsError('BAD_INPUT', `unterminated quoted field starting on line ${this.recordStart}`, { line: this.recordStart });
    if (this.field !== '' || this.record.length > 0 || !this.atFieldStart) this.endRecord(out);
    return out;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) this.line++;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.atFieldStart = true;
  }

  private endRecord(out: string[][]): void {
    this.endField();
    const record = this.record;
    this.record = [];
    this.recordLine = this.recordStart;
    // a blank line is no record
    if (!(record.length === 1 && record[0] === '')) {
      out.push(record);
      this.recordLines.push(this.recordStart);
    }
  }
}

/** Parses a whole CSV text into records (header included). */
export function parseCsv(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Quotes a field when it needs it (comma, quote, line break), doubling inner quotes. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Numbers round-trip exactly (shortest representation); NaN and infinities as R writes them. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
