// Summarises a V8 .cpuprofile (e.g. from BENCH_CPU_PROF=<dir>): self time by package and the
// hottest functions.  node --import tsx bench/api/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(64);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function category(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes('/server/src/')) return 'server/src';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return 'other';
}

const self = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});

const byCategory = new Map<string, number>();
const byFunction = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  const node = byId.get(id)!;
  const cat = category(node.callFrame);
  byCategory.set(cat, (byCategory.get(cat) ?? 0) + time);
  const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*\/(node_modules|server\/src)\//, '$1/')}:${node.callFrame.lineNumber + 1}` : '';
  const key = `${node.callFrame.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  // Inclusive time per category: each category counted once per stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const c = category(byId.get(cur)!.callFrame);
    if (!seen.has(c)) {
      seen.add(c);
      inclusive.set(c, (inclusive.get(c) ?? 0) + time);
    }
  }
}

const busy = total - (byCategory.get('(idle)') ?? 0);
const row = (name: string, t: number, extra = '') => `${(t / 1000).toFixed(0).padStart(8)} ms ${((t / busy) * 100).toFixed(1).padStart(5)} %  ${name}${extra}`;
process.stdout.write(`${file}\n${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle (percentages of non-idle)\n\nSelf time by package (inclusive in brackets):\n`);
for (const [name, t] of [...byCategory].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  if (name === '(idle)') continue;
  process.stdout.write(`${row(name, t, `  [${(((inclusive.get(name) ?? 0) / busy) * 100).toFixed(1)} % incl.]`)}\n`);
}
process.stdout.write(`\nHottest functions (self):\n`);
for (const [name, t] of [...byFunction].sort((a, b) => b[1] - a[1]).filter(([n]) => !n.startsWith('(idle)')).slice(0, top)) {
  process.stdout.write(`${row(name, t)}\n`);
}
