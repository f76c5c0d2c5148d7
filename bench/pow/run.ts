// `npm run bench:pow`: how long residents wait for the optional proof of work. Measures the
// hash rate of the web app's own solver (web/src/pow/sha256.ts) in Node and in Debian's
// Chromium, at full speed and with the CPU throttled 4× and 6× (Chrome DevTools' mid-range
// and low-end phone presets), then the solving time each difficulty implies. Solving time is
// geometric: the mean is 2^bits / rate, and 10% of residents wait more than ln(10)× the mean.
// Writes the "Proof of work" section of docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { buildSync } from 'esbuild';
import { searchCounter } from '../../web/src/pow/sha256.ts';
import { launchBrowser } from '../../web/e2e/browser.ts';
import { writeDocsSection } from '../common/docs-section.ts';

const ATTEMPTS = 2 ** 19;
const BITS = [14, 16, 18, 20];
const challenge = () => `${randomBytes(16).toString('base64url')}.18.${Math.floor(Date.now() / 1000) + 300}.${randomBytes(32).toString('base64url')}`;

/** Hashes per second over a fixed number of attempts (bits 32: never found, so every attempt runs). */
function nodeRate(): number {
  const started = performance.now();
  searchCounter(challenge(), 32, 0, ATTEMPTS);
  return ATTEMPTS / ((performance.now() - started) / 1000);
}

const solverSource = buildSync({ entryPoints: ['web/src/pow/sha256.ts'], bundle: true, format: 'iife', globalName: 'pow', write: false }).outputFiles[0]!.text;

async function browserRates(): Promise<Record<string, number>> {
  const browser = await launchBrowser();
  const rates: Record<string, number> = {};
  try {
    for (const throttle of [1, 4, 6]) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      await page.evaluate(`${solverSource}; globalThis.pow = pow;`);
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const ms = (await page.evaluate(`(() => { const t = performance.now(); pow.searchCounter(${JSON.stringify(challenge())}, 32, 0, ${ATTEMPTS}); return performance.now() - t; })()`)) as number;
        samples.push(ATTEMPTS / (ms / 1000));
      }
      rates[`Chromium, CPU ÷${throttle}`] = Math.max(...samples);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return rates;
}

const seconds = (s: number) => (s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(1)} s`);
const rates: Record<string, number> = { Node: Math.max(nodeRate(), nodeRate(), nodeRate()), ...(await browserRates()) };
const rows = Object.entries(rates).map(
  ([where, rate]) => `| ${where} | ${Math.round(rate).toLocaleString('en')} | ${BITS.map((b) => `${seconds(2 ** b / rate)} / ${seconds((Math.LN10 * 2 ** b) / rate)}`).join(' | ')} |`,
);

/** Native SHA-256 throughput (OpenSSL, 64-byte inputs), when openssl is installed. */
function nativeRate(): number | null {
  try {
    const out = execSync('openssl speed -seconds 1 -bytes 64 sha256 2>/dev/null', { encoding: 'utf8' });
    const kilobytes = /^sha256\s+([\d.]+)k/m.exec(out)?.[1];
    return kilobytes ? (Number(kilobytes) * 1000) / 64 : null;
  } catch {
    return null;
  }
}
const native = nativeRate();

// A check of the model: real solves at the recommended difficulty, in Node.
const solves: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  searchCounter(challenge(), 18, 0, 2 ** 40);
  solves.push(performance.now() - started);
}
solves.sort((a, b) => a - b);

const text = `## Proof of work (npm run bench:pow)

**What**: the hash rate of the web app's proof-of-work solver (\`web/src/pow/sha256.ts\`: SHA-256 with the challenge's first block precomputed, one compression per attempt), in Node and in headless Chromium at full speed and with the CPU throttled 4× and 6× (DevTools' mid-range and low-end phone presets); and from it, the wait each difficulty (\`ALIANZA_PROOF_OF_WORK_BITS\`) implies: **mean / 90th percentile** (the number of attempts is geometric: mean 2^bits, 10% of residents need more than ln 10 ≈ 2.3 times that).

| where | hashes/s | ${BITS.map((b) => `${b} bits`).join(' | ')} |
| --- | ---: | ${BITS.map(() => '---:').join(' | ')} |
${rows.join('\n')}

Real solves at 18 bits in Node, 20 challenges: median ${seconds(solves[9]! / 1000)}, slowest ${seconds(solves.at(-1)! / 1000)} (the model's mean: ${seconds(2 ** 18 / rates.Node!)}).

**Recommendation**: \`ALIANZA_PROOF_OF_WORK_BITS=18\` when under attack: about ${seconds(2 ** 18 / rates['Chromium, CPU ÷4']!)} on average (${seconds((Math.LN10 * 2 ** 18) / rates['Chromium, CPU ÷4']!)} for the slowest tenth) on a mid-range phone, while a spammer pays it for every single submission. Native code is faster than a phone's JavaScript: ${native ? `OpenSSL hashes ${Math.round(native).toLocaleString('en')} 64-byte inputs per second per core here, so a native spammer gets about ${Math.round(native / 2 ** 18)} submissions per second per core` : 'a native SHA-256 runs some ten times faster per core'} (GPUs far more): proof of work slows cheap floods, it does not stop a determined attacker; the per-address rate limit and triage remain the defence. 20 bits is the ceiling for phones (${seconds(2 ** 20 / rates['Chromium, CPU ÷6']!)} mean on a low-end one).

Machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (other work was running: rates are a lower bound); Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.
`;
process.stdout.write(`${text}\n`);
if (process.env.BENCH_WRITE_DOCS !== '0') writeDocsSection('## Proof of work (npm run bench:pow)', text);
