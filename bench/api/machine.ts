import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  postgres: string | null;
  pglite: string;
  os: string;
  date: string;
  /** Commit of the measured code, with "+ uncommitted server changes" when server/ differs from it. */
  revision: string;
}

function revision(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: new URL('../../', import.meta.url), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'server') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted server changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(postgresVersion: string | null): Machine {
  const pkg = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const pglite = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel(),
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: postgresVersion,
    pglite,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    revision: revision(),
  };
}
