import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerChild {
  url: string;
  pid: number;
  /** Lines the server wrote to stderr/stdout (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
  /** SIGTERM (graceful shutdown), SIGKILL after 20 s. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or an out-of-memory kill would end it; resolves once it has exited. */
  kill(): Promise<void>;
}

export interface ServerOptions {
  /** A directory: the server runs with --cpu-prof and writes its profile there. */
  cpuProfDir?: string | null;
  /** More environment for the server (e.g. configuration knobs). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for /readyz (a first PGlite start on a busy machine takes a while). */
  readyTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * `node bin/alianza.js serve` in its own process, so the load generator never shares the
 * server's event loop. Resolves once /readyz answers 200.
 */
export async function startServer(database: { url: string } | { dataDir: string }, { cpuProfDir = null, env: extraEnv = {}, readyTimeoutMs = 60_000 }: ServerOptions = {}): Promise<ServerChild> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ALIANZA_JOBS: 'false',
    ...('url' in database ? { DATABASE_URL: database.url } : { ALIANZA_DATA_DIR: database.dataDir }),
    ...extraEnv,
  };
  const flags = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...flags, 'bin/alianza.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.join('\n')}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${readyTimeoutMs / 1000} s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stderr.write(`[bench] server pid ${child.pid} ready on ${url}\n`);
  return {
    url,
    pid: child.pid!,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
