import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeTo, readSharedCsv, sharedPath } from '../../test/shared-data.ts';
import { parseCsv } from '../csv.ts';
import { analyze } from './analyze.ts';
import { ANALYZE_HELP, OPTIONS } from './options.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const portland = () => sharedPath('data/portland-cfs-2016-08.csv');
const chicago = () => sharedPath('data/chicago-burglary-2016-jan-sep.csv');
const london = () => sharedPath('data/london-city-street-2018-04-to-2020-11.csv');

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function run(...args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await analyze(args, { stdout, stderr });
  return { status, stdout: stdout.text, stderr: stderr.text, csv: () => parseCsv(stdout.text) };
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'alianza-analyze-')), name);
  writeFileSync(file, text);
  return file;
}

describe('alianza analyze on the shared data', () => {
  it('knox reproduces the NearRepeat observed counts for Chicago, February–March 2016', async () => {
    const r = await run('knox', '--input', chicago(), '--x-col', 'x_m', '--y-col', 'y_m', '--from', '2016-02-01', '--to', '2016-03-31', '--permutations', '99', '--seed', '20161231');
    expect(r.status).toBe(0);
    const [header, ...rows] = r.csv();
    expect(header).toEqual(['dist_band', 'time_band', 'observed', 'expected', 'exact_expected', 'knox_ratio', 'p_value']);
    const reference = readSharedCsv('reference/chicago-burglary-2016-feb-mar-knox.csv');
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual(reference.rows.map((row) => [row[0], row[1], row[2]]));
    expect(r.stderr).toContain('1538 selected');
  });

  it('gistar and moran reproduce spdep z-values for the Portland 500-ft grid', async () => {
    const reference = readSharedCsv('reference/portland-2016-08-grid500ft.csv');
    const common = ['--input', portland(), '--x-col', 'x_ft', '--y-col', 'y_ft', '--cell-size', '500'];
    const g = await run('gistar', ...common);
    const m = await run('moran', ...common);
    const [gHeader, ...gRows] = g.csv();
    const [mHeader, ...mRows] = m.csv();
    const gz = gHeader!.indexOf('gistar_z');
    const mz = mHeader!.indexOf('moran_z');
    const expectedG = reference.numbers('gistar_z');
    const expectedM = reference.numbers('moran_z');
    expect(gRows).toHaveLength(45_828);
    expect(gRows.findIndex((row, i) => !closeTo(Number(row[gz]), expectedG[i]!, 1e-9))).toBe(-1);
    expect(mRows.findIndex((row, i) => !closeTo(Number(row[mz]), expectedM[i]!, 1e-9))).toBe(-1);
    expect(new Set(mRows.map((row) => row.at(-1)))).toEqual(new Set(['HH', 'LL', 'HL', 'LH']));
    expect(g.stderr).toContain('1 without coordinates left out');
  });

  it('gistar writes GeoJSON cell polygons with permutation p-values and classes', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'alianza-analyze-')), 'hot.geojson');
    const r = await run('gistar', '--input', portland(), '--x-col', 'x_ft', '--y-col', 'y_ft', '--cell-size', '2000', '--format', 'geojson', '--output', out, '--permutations', '99', '--seed', '3', '--where', 'category=BURGLARY');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const collection = JSON.parse(readFileSync(out, 'utf8')) as { features: { geometry: { type: string }; properties: Record<string, number> }[] };
    expect(collection.features.length).toBeGreaterThan(100);
    expect(collection.features[0]!.geometry.type).toBe('Polygon');
    expect(collection.features.reduce((s, f) => s + f.properties.count!, 0)).toBe(87);
    expect(Object.keys(collection.features[0]!.properties)).toEqual(expect.arrayContaining(['gistar_z', 'gistar_p', 'p_sim', 'class']));
  });

  it('kde reproduces spatstat on the reference raster, and writes contours as GeoJSON', async () => {
    const common = ['--input', portland(), '--x-col', 'x_ft', '--y-col', 'y_ft', '--cell-size', '250', '--bandwidth', '1000', '--origin', '7607500,632000', '--dims', '456,402'];
    const r = await run('kde', ...common, '--edge');
    const [, ...rows] = r.csv();
    const reference = readSharedCsv('reference/portland-2016-08-kde-sigma1000ft-eps250ft-edge.csv').numbers('density');
    const max = reference.reduce((a, b) => Math.max(a, b), 0);
    const bad = rows.findIndex((row, i) => Math.abs(Number(row[2]) - reference[i]!) > Math.max(1e-9 * reference[i]!, 1e-12 * max));
    expect(bad).toBe(-1);
    const c = await run('kde', ...common, '--format', 'geojson', '--contours', `${max / 2},${max / 10}`);
    const features = (JSON.parse(c.stdout) as { features: { properties: { level: number }; geometry: { coordinates: unknown[] } }[] }).features;
    expect(features.map((f) => f.properties.level)).toEqual([max / 2, max / 10]);
    expect(features[1]!.geometry.coordinates.length).toBeGreaterThan(features[0]!.geometry.coordinates.length - 1);
  });

  it('trend counts London crime per month and category with tests, and a seasonal view', async () => {
    const r = await run('trend', '--input', london(), '--date-col', 'Month', '--category-col', 'Crime type');
    const [header, ...rows] = r.csv();
    expect(header).toEqual(['period', 'category', 'area', 'count', 'days', 'previous', 'p_previous', 'last_year', 'p_last_year']);
    expect(rows.reduce((s, row) => s + Number(row[3]), 0)).toBe(22_111);
    expect(new Set(rows.map((row) => row[1])).size).toBe(14);
    const s = await run('trend', '--input', london(), '--date-col', 'Month', '--seasonal', '--where', 'Crime type=Bicycle theft');
    expect(s.csv()).toHaveLength(13);
  });
});

describe('alianza analyze on other inputs', () => {
  it('runs on areas given one per row with neighbour lists or a distance band, and reads quoted fields', async () => {
    const file = tempFile('areas.csv', 'id,x,y,value,neighbours\n"A, north",0,0,10,B\nB,100,0,9,"A, north;C"\nC,200,0,1,B;D\nD,300,0,0,C;E\nE,400,0,0,D\n');
    const byLists = await run('moran', '--input', file, '--value-col', 'value', '--id-col', 'id', '--neighbours-col', 'neighbours');
    const byBand = await run('moran', '--input', file, '--value-col', 'value', '--id-col', 'id', '--distance-band', '150');
    expect(byLists.status).toBe(0);
    expect(byLists.stdout).toBe(byBand.stdout);
    expect(byLists.csv()[1]!.slice(0, 1)).toEqual(['A, north']);
  });

  it('explains bad input with exit 65 and bad options with exit 64, before any computation', async () => {
    const missing = await run('kde', '--input', portland(), '--cell-size', '250', '--bandwidth', '1000');
    expect(missing.status).toBe(65);
    expect(missing.stderr).toContain('no column "x"');
    // The bad row is not the last of its chunk: the message must still name its own line.
    const badDate = tempFile('dates.csv', 'x,y,date\n1,1,2016-01-01\n2,2,yesterday\n3,3,2016-01-02\n');
    const d = await run('knox', '--input', badDate);
    expect(d.status).toBe(65);
    expect(d.stderr).toContain('line 3:');
    const zero = await run('gistar', '--input', portland(), '--cell-size', '0');
    expect(zero.status).toBe(64);
    const huge = await run('kde', '--input', portland(), '--x-col', 'x_ft', '--y-col', 'y_ft', '--cell-size', '0.01', '--bandwidth', '10');
    expect(huge.status).toBe(65);
    expect(huge.stderr).toContain('TOO_LARGE');
    const empty = await run('knox', '--input', chicago(), '--x-col', 'x_m', '--y-col', 'y_m', '--from', '2030-01-01');
    expect(empty.stderr).toContain('EMPTY_INPUT');
    expect((await run('knox', '--input', chicago(), '--metric', 'chebyshev')).status).toBe(64);
  });

  it('documents every option in --help and in the README', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const help = await run('--help');
    expect(help.status).toBe(0);
    for (const name of Object.keys(OPTIONS).filter((o) => o !== 'help')) {
      expect(ANALYZE_HELP, `--${name} in --help`).toContain(`--${name}`);
      expect(readme, `--${name} in README.md`).toContain(`--${name}`);
    }
  });

  it('is reachable as `alianza analyze` from the command line', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/alianza.js'), 'analyze', 'trend', '--input', london(), '--date-col', 'Month', '--from', '2020-01-01'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^2020-01,\(all\),\(all\),797,/);
  });
});
