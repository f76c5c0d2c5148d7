import { describe, expect, it } from 'vitest';
import { defaultQuery, fieldErrorsOf, formatQuery, parseQuery, queryString, toRequest } from './analysis-query.ts';
import { endOfDay, startOfDay } from './civil-days.ts';

describe('the analysis address', () => {
  it('round-trips an analysis and carries only the fields of its kind', () => {
    const query = { ...defaultQuery('America/Los_Angeles'), kind: 'knox' as const, iccs: ['0501', '0502'], from: '2016-08-01', to: '2016-08-31', timeBands: '0, 3, 7' };
    const params = formatQuery(query);
    expect(params.get('iccs')).toBe('0501,0502');
    expect(params.has('cellSize')).toBe(false);
    expect(parseQuery(new URLSearchParams(params.toString()))).toEqual(query);
    expect(parseQuery(new URLSearchParams('kind=spline'))).toBeNull();
    // readable and accepted as a place to return to after signing in (no encoded slash)
    expect(queryString(query)).toContain('tz=America/Los_Angeles');
    expect(queryString(query)).toContain('iccs=0501%2C0502');
    expect(parseQuery(new URLSearchParams(queryString(query)))).toEqual(query);
  });

  it('builds the API request with civil days of the chosen zone, the last day included', () => {
    const query = { ...defaultQuery('America/Los_Angeles'), kind: 'gistar' as const, from: '2016-08-01', to: '2016-08-31', cellSize: '250', fdr: true };
    expect(toRequest(query)).toEqual({
      statistic: 'gistar',
      selection: { iccs: [], sources: [], timeZone: 'America/Los_Angeles', from: '2016-08-01T07:00:00.000Z', to: '2016-09-01T07:00:00.000Z' },
      parameters: { units: { kind: 'grid', cellSize: 250, contiguity: 'queen' }, permutations: 999, seed: 1, fdr: true },
    });
    // a blank number goes as null, for the server to name the field
    expect(toRequest({ ...query, kind: 'kde', bandwidth: '' }).parameters).toMatchObject({ bandwidth: null, cellSize: 100 });
  });

  it('finds midnight across a daylight-saving change', () => {
    expect(startOfDay('2016-03-13', 'America/Los_Angeles')).toBe('2016-03-13T08:00:00.000Z');
    expect(endOfDay('2016-03-13', 'America/Los_Angeles')).toBe('2016-03-14T07:00:00.000Z');
    expect(startOfDay('2016-08-01', 'Mars/Olympus')).toBe('2016-08-01T00:00:00Z');
  });

  it('puts the server field errors next to the fields of the form shown', () => {
    const errors = fieldErrorsOf('kde', [
      { field: 'parameters.cellSize', message: 'pixel too large' },
      { field: 'selection', message: 'nothing selected' },
    ]);
    expect(errors).toEqual({ fields: { pixel: 'pixel too large' }, other: ['nothing selected'] });
    expect(fieldErrorsOf('gistar', [{ field: 'parameters.units.cellSize', message: 'too many units' }]).fields).toEqual({ cellSize: 'too many units' });
  });
});
