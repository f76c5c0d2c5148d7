/**
 * Civil days of a time zone as instants: the analysis selects by occurrence instant, while
 * analysts think in days of their own zone (as the server counts weeks and months).
 */

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant) / 60_000);
}

function midnight(year: number, month: number, day: number, timeZone: string): string {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall;
  // twice: the offset at the guess may differ from the offset at midnight (a DST change that day)
  for (let i = 0; i < 2; i++) instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** The instant the day starts in the zone (an unknown zone counts as UTC; the server names it). */
export function startOfDay(date: string, timeZone: string): string {
  const [y, m, d] = parts(date);
  try {
    return midnight(y, m, d, timeZone);
  } catch {
    return `${date}T00:00:00Z`;
  }
}

/** The instant the day ends (the next day's start): a "to" day is included. */
export function endOfDay(date: string, timeZone: string): string {
  const [y, m, d] = parts(date);
  const next = Date.UTC(y, m - 1, d + 1);
  return Number.isNaN(next) ? `${date}T24:00:00Z` : startOfDay(new Date(next).toISOString().slice(0, 10), timeZone);
}
