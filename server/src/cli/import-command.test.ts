import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../analytics/src/csv.ts';
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts';
import { ROOT } from '../../test/template.ts';
import { createProfile } from '../modules/imports/profiles.ts';
import { analystOfNewOrg, PORTLAND_2000 } from '../modules/imports/testing.ts';
import { ImportUsageError, parseImportArgs, runImportCommand } from './import-command.ts';
import { ProgressBar } from './progress.ts';

let t: TestPlatform;
const dir = mkdtempSync(path.join(tmpdir(), 'alianza-import-cli-'));
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An organisation with a saved Portland profile, and its analyst's e-mail. */
async function setUp() {
  const { orgId, userId, actor } = await analystOfNewOrg(t.ctx);
  await createProfile(t.ctx, actor, {
    ownerOrgId: orgId,
    name: 'portland',
    settings: { format: 'csv', delimiter: ',', columns: { externalId: { linePrefix: 'cfs' }, category: 'category', occurredFrom: 'occ_date', x: 'x_ft', y: 'y_ft' }, dateFormat: 'YYYY-MM-DD', utcOffsetMinutes: -420, crs: 'EPSG:2913' },
    source: 'import',
    tlp: 'AMBER',
    sharingGroupIds: [],
    recipientUserIds: [],
  });
  const { email } = await t.ctx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  return { orgId, email };
}

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (text: string) => void lines.push(text), isTTY: false };
};

describe('alianza import', () => {
  it('imports a file with a saved profile, prints the summary and writes the rejected rows to the error report', async () => {
    const { email } = await setUp();
    const file = path.join(dir, 'calls.csv');
    const lines = PORTLAND_2000.split('\n');
    lines[5] = lines[5]!.replace('2016-08-', '2016-13-'); // line 6: an impossible month
    writeFileSync(file, lines.join('\n'));
    const stdout = sink();
    const stderr = sink();
    const args = parseImportArgs([file, '--profile', 'portland', '--user', email, '--lang', 'es'])!;
    const summary = await runImportCommand(t.ctx, args, { stdout, stderr });
    expect(summary).toMatchObject({ records: 2000, imported: 1999, rejected: 1, errorReport: `${file}.errors.csv` });
    expect(JSON.parse(stdout.lines.join(''))).toMatchObject({ imported: 1999, rejected: 1 });
    expect(stderr.lines.at(-1)).toMatch(/^progress: 100% 2,000 rows [\d,]+ rows\/s ETA 0:00\n$/);
    const [header, row] = parseCsv(readFileSync(`${file}.errors.csv`, 'utf8'));
    expect(header!.slice(0, 5)).toEqual(['line', 'reason', 'column', 'message', 'category']);
    expect(row!.slice(0, 3)).toEqual(['6', 'bad_date', 'occ_date']);
    expect(row![3]).toMatch(/no es una fecha/);
    expect(row![4 + 4]).toMatch(/^2016-13-/); // the raw value, as in the file
    const again = await runImportCommand(t.ctx, { ...args, errors: path.join(dir, 'again.csv') }, { stdout: sink(), stderr: sink() });
    expect(again).toMatchObject({ imported: 0, unchanged: 1999, rejected: 1 });
  });

  it('refuses bad options, an unknown profile or user and an unreadable file with their exit codes', async () => {
    const { email } = await setUp();
    expect(() => parseImportArgs(['a.csv'])).toThrow(/--profile is required/);
    expect(() => parseImportArgs(['a.csv', '--profile', 'p', '--user', 'u', '--batch-size', '0'])).toThrow(ImportUsageError);
    expect(() => parseImportArgs(['a.csv', '--profile', 'p', '--user', 'u', '--colour'])).toThrow(ImportUsageError);
    const file = path.join(dir, 'small.csv');
    writeFileSync(file, PORTLAND_2000);
    const io = { stdout: sink(), stderr: sink() };
    await expect(runImportCommand(t.ctx, parseImportArgs([file, '--profile', 'nope', '--user', email])!, io)).rejects.toMatchObject({ exitCode: 64 });
    await expect(runImportCommand(t.ctx, parseImportArgs([file, '--profile', 'portland', '--user', 'nobody@example.org'])!, io)).rejects.toMatchObject({ exitCode: 64 });
    await expect(runImportCommand(t.ctx, parseImportArgs([path.join(dir, 'missing.csv'), '--profile', 'portland', '--user', email])!, io)).rejects.toMatchObject({ exitCode: 66 });
    writeFileSync(file, 'a;b\n1;2\n');
    await expect(runImportCommand(t.ctx, parseImportArgs([file, '--profile', 'portland', '--user', email])!, io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('exits 64 on a bad option and documents every option in --help, without a database', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/alianza.js'), 'import', ...args], { encoding: 'utf8' });
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const option of ['--profile', '--user', '--org', '--errors', '--batch-size', '--lang']) expect(help.stdout).toContain(option);
    const bad = run('x.csv', '--profile', 'p');
    expect([bad.status, bad.stderr]).toEqual([64, 'alianza import: --user is required\n']);
  });
});

describe('progress bar', () => {
  it('redraws a bar with rows/s and the time left on a terminal, and prints a line every 5 s otherwise', () => {
    let now = 0;
    const tty = { ...sink(), isTTY: true, columns: 100 };
    const bar = new ProgressBar(tty, 1000, () => now);
    now = 2000;
    bar.update(250, 50_000);
    expect(tty.lines[0]).toBe(`\r[##########..............................]  25% 50,000 rows 25,000 rows/s ETA 0:06\x1b[K`);
    const plain = sink();
    const lines = new ProgressBar(plain, 1000, () => now);
    for (now = 2000; now <= 12_000; now += 1000) lines.update(now / 20, now * 10);
    expect(plain.lines).toHaveLength(2);
    expect(plain.lines[0]).toBe('progress:  25% 50,000 rows 16,667 rows/s ETA 0:09\n');
  });
});
