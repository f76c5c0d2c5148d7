import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the CPU goes during a scenario (Linux /proc): the server child, all PostgreSQL
 * processes, this process (load generator or raw loop), and the whole machine.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, plus those of its exited children when `withChildren`. */
function ticksOf(pid: number, withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}

/** All PostgreSQL processes; backends that exit are still counted through the postmaster's cutime. */
function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += ticksOf(Number(entry), true);
    } catch {
      // gone
    }
  }
  return total;
}

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuSplit {
  /** CPU milliseconds per completed request/operation. */
  serverMs: number | null;
  postgresMs: number | null;
  generatorMs: number;
  /** Share of all cores busy during the run. */
  machineBusy: number;
}

export function cpuMeter(serverPid: number | null) {
  const supported = process.platform === 'linux';
  const take = () => ({
    server: supported && serverPid ? ticksOf(serverPid) : 0,
    postgres: supported ? postgresTicks() : 0,
    self: process.cpuUsage(),
    machine: supported ? machineTicks() : { busy: 0, total: 1 },
  });
  const start = take();
  return (operations: number): CpuSplit | null => {
    if (!supported || operations === 0) return null;
    const end = take();
    const self = (end.self.user - start.self.user + end.self.system - start.self.system) / 1000;
    const pgMs = (end.postgres - start.postgres) * TICK_MS;
    return {
      serverMs: serverPid ? ((end.server - start.server) * TICK_MS) / operations : null,
      postgresMs: pgMs > 0 ? pgMs / operations : null,
      generatorMs: self / operations,
      machineBusy: (end.machine.busy - start.machine.busy) / Math.max(1, end.machine.total - start.machine.total),
    };
  };
}
