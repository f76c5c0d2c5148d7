/**
 * Dates as found in incident files. A date without a time stands for the whole civil day, so
 * it becomes an occurrence window [midnight, next midnight). Times without an offset are read
 * at the import's fixed UTC offset (a named time zone with daylight saving is not handled yet).
 */
export const DATE_FORMATS = ['iso', 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD/MM/YYYY HH:mm', 'MM/DD/YYYY HH:mm'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface ParsedWhen {
  from: Date;
  /** End of the window for a date-only value; null for an instant. */
  to: Date | null;
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Minutes east of UTC of an offset like "-07:00"; null when malformed. */
export function parseUtcOffset(text: string): number | null {
  if (text === 'Z') return 0;
  const m = OFFSET.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 14 * 60 || Number(m[3]) > 59 ? null : (m[1] === '-' ? -minutes : minutes);
}

const PATTERNS: Record<Exclude<DateFormat, 'iso'>, { re: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd']; time: boolean }> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{2})-(\d{2})$/, order: ['y', 'm', 'd'], time: false },
  'YYYY-MM-DD HH:mm': { re: /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/, order: ['y', 'm', 'd'], time: true },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'], time: false },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'], time: false },
  'DD/MM/YYYY HH:mm': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/, order: ['d', 'm', 'y'], time: true },
  'MM/DD/YYYY HH:mm': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/, order: ['m', 'd', 'y'], time: true },
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses `text` in `format`; null when it does not match or names an impossible date or time. */
export function parseWhen(text: string, format: DateFormat, offsetMinutes: number): ParsedWhen | null {
  const value = text.trim();
  if (format === 'iso') {
    if (!ISO.test(value)) return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : { from: new Date(ms), to: null };
  }
  const { re, order, time } = PATTERNS[format];
  const m = re.exec(value);
  if (!m) return null;
  const part = { y: 0, m: 0, d: 0 };
  order.forEach((key, i) => (part[key] = Number(m[i + 1])));
  const [hour, minute, second] = time ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [0, 0, 0];
  if (part.m < 1 || part.m > 12 || part.d < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(part.y, part.m - 1, part.d, hour, minute, second);
  if (new Date(utc).getUTCDate() !== part.d) return null; // 31 June, 29 February of a common year
  const from = new Date(utc - offsetMinutes * 60_000);
  return { from, to: time ? null : new Date(from.getTime() + 86_400_000) };
}
