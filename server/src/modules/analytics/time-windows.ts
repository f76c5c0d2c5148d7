import { formatDay, isoWeekStart, parseDay, yearMonth } from '../../../../analytics/src/index.ts';

export type WindowKind = 'day' | 'week' | 'month';

/** Time windows as civil-day breaks [breaks[k], breaks[k+1]) and their ISO labels (end exclusive). */
export interface TimeWindows {
  kind: WindowKind;
  breaks: number[];
  labels: { start: string; end: string }[];
}

/** The civil day (days since 1970-01-01) of an instant in an IANA time zone. */
export function localDayOf(instant: string | number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  return parseDay(parts)!;
}

const monthStart = (year: number, month: number) => Date.UTC(year, month - 1, 1) / 86_400_000;

/** The start of the window holding `day`, and the start of the next one. */
function windowAt(kind: WindowKind, day: number): [number, number] {
  if (kind === 'day') return [day, day + 1];
  if (kind === 'week') {
    const start = isoWeekStart(day);
    return [start, start + 7];
  }
  const { year, month } = yearMonth(day);
  return [monthStart(year, month), month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1)];
}

/** Number of windows from the one holding `first` to the one holding `last`, without building them. */
export function countWindows(kind: WindowKind, first: number, last: number): number {
  if (kind === 'day') return last - first + 1;
  if (kind === 'week') return (isoWeekStart(last) - isoWeekStart(first)) / 7 + 1;
  const a = yearMonth(first);
  const b = yearMonth(last);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

/** Consecutive windows covering every civil day from `first` to `last` (inclusive). */
export function timeWindows(kind: WindowKind, first: number, last: number): TimeWindows {
  const breaks: number[] = [];
  let [start, next] = windowAt(kind, first);
  breaks.push(start);
  while (start <= last) {
    breaks.push(next);
    [start, next] = windowAt(kind, next);
  }
  const labels = breaks.slice(0, -1).map((b, k) => ({ start: formatDay(b), end: formatDay(breaks[k + 1]!) }));
  return { kind, breaks, labels };
}
