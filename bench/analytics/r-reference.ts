// Runs the R reference (bench/analytics/reference.R), installing R, spdep and spatstat from
// Debian first when they are missing (as root, `apt-get install -y`; never in CI).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('reference.R', import.meta.url));
const PACKAGES = ['r-base-core', 'r-cran-spdep', 'r-cran-spatstat'];

export interface RTiming {
  median: number;
  runs: number[];
}

function rReady(): boolean {
  const check = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(spdep); library(spatstat)})'], { stdio: 'ignore' });
  return check.status === 0;
}

export function ensureR(log: (line: string) => void): string {
  if (!rReady()) {
    if (process.getuid?.() !== 0) throw new Error(`R with spdep and spatstat is missing; install ${PACKAGES.join(' ')} (apt-get, as root) or set BENCH_R=0`);
    const missing = PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
    log(`installing ${missing.join(' ')} with apt-get`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!rReady()) throw new Error('R packages still not loadable after apt-get install');
  }
  const versions = execFileSync('Rscript', ['-e', 'cat(R.version$major, ".", R.version$minor, " spdep ", format(packageVersion("spdep")), " spatstat.explore ", format(packageVersion("spatstat.explore")), sep = "")'], { encoding: 'utf8' });
  return `R ${versions.trim()}`;
}

/** Runs reference.R and returns its timings by name. */
export function runR(args: string[]): Map<string, RTiming> {
  const result = spawnSync('Rscript', [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`Rscript ${args[0]} failed:\n${result.stderr}`);
  const timings = new Map<string, RTiming>();
  for (const line of result.stdout.split('\n')) {
    const m = /^timing (\S+) (\S+) (\S+)$/.exec(line);
    if (m) timings.set(m[1]!, { median: Number(m[2]), runs: m[3]!.split(',').map(Number) });
  }
  return timings;
}

export function readDoubles(file: string): Float64Array {
  const bytes = readFileSync(file);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
