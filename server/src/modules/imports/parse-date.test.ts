import { describe, expect, it } from 'vitest';
import { parseUtcOffset, parseWhen } from './parse-date.ts';

describe('parseWhen', () => {
  it('reads a date without a time as the whole civil day at the given offset', () => {
    expect(parseWhen('2016-08-10', 'YYYY-MM-DD', -420)).toEqual({ from: new Date('2016-08-10T07:00:00Z'), to: new Date('2016-08-11T07:00:00Z') });
  });

  it('reads day-first and month-first dates and local times', () => {
    expect(parseWhen('10/08/2016', 'DD/MM/YYYY', 0)?.from).toEqual(new Date('2016-08-10T00:00:00Z'));
    expect(parseWhen('08/10/2016', 'MM/DD/YYYY', 0)?.from).toEqual(new Date('2016-08-10T00:00:00Z'));
    expect(parseWhen('2016-08-10 23:15', 'YYYY-MM-DD HH:mm', -180)).toEqual({ from: new Date('2016-08-11T02:15:00Z'), to: null });
  });

  it('keeps the offset an ISO 8601 instant states and refuses one without', () => {
    expect(parseWhen('2016-08-10T10:00:00-07:00', 'iso', 0)?.from).toEqual(new Date('2016-08-10T17:00:00Z'));
    expect(parseWhen('2016-08-10T10:00:00', 'iso', 0)).toBeNull();
  });

  it('refuses impossible dates and text in another format', () => {
    expect(parseWhen('2016-02-30', 'YYYY-MM-DD', 0)).toBeNull();
    expect(parseWhen('2016-13-01', 'YYYY-MM-DD', 0)).toBeNull();
    expect(parseWhen('10/08/2016', 'YYYY-MM-DD', 0)).toBeNull();
    expect(parseWhen('', 'YYYY-MM-DD', 0)).toBeNull();
  });
});

describe('parseUtcOffset', () => {
  it('reads ±HH:MM and Z, and nothing else', () => {
    expect([parseUtcOffset('-07:00'), parseUtcOffset('+05:30'), parseUtcOffset('Z')]).toEqual([-420, 330, 0]);
    expect([parseUtcOffset('7'), parseUtcOffset('+15:00'), parseUtcOffset('America/Los_Angeles')]).toEqual([null, null, null]);
  });
});
