import { AnalyticsError } from './errors.ts';

const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01, UTC) of an ISO date `YYYY-MM-DD`, optionally followed by a
 * time (`T…` or ` …`, ignored: days are civil dates as written), or of a month `YYYY-MM` (its
 * first day). Null when the text is not such a date or names an impossible day.
 */
export function parseDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function parseDayOrThrow(text: string, where: string): number {
  const day = parseDay(text);
  if (day === null) throw new AnalyticsError('BAD_INPUT', `${where}: "${text}" is not a date (YYYY-MM-DD or YYYY-MM)`, { value: text });
  return day;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO date `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year and month (1–12) of a day number. */
export function yearMonth(day: number): { year: number; month: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** Day number of the Monday starting the ISO 8601 week that holds `day` (1970-01-01 was a Thursday). */
export function isoWeekStart(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return day - weekday;
}
