import { Worker } from 'node:worker_threads';
import { JobFailure, type JobExecutor, type ProgressListener } from './executor.ts';
import { transferablesOf, type Job, type JobResult, type WorkerMessage } from './job.ts';

interface Task {
  /** Called when a thread is free for the job: the selection is read only then. */
  job: () => Promise<Job>;
  /** Still reading its job: aborting then gives the thread back instead of ending it. */
  preparing: boolean;
  onProgress: ProgressListener;
  signal: AbortSignal;
  resolve: (result: JobResult) => void;
  reject: (err: unknown) => void;
}

/** Idle workers are ended after this long, giving their memory back. */
const IDLE_MS = 5 * 60_000;
const BOOT = new URL('./worker-boot.js', import.meta.url);

/**
 * Worker threads that compute analysis jobs off the event loop, at most `size` at once; the
 * rest wait in order. Aborting a job that runs terminates its thread, which stops the CPU work
 * at once (JavaScript cannot be interrupted otherwise); a fresh thread takes its place when
 * the next job comes.
 */
export class WorkerPool implements JobExecutor {
  readonly #idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  readonly #busy = new Map<Worker, Task>();
  readonly #queue: Task[] = [];
  #starting = 0;
  #closed = false;

  constructor(private readonly size: number) {}

  run(job: () => Promise<Job>, onProgress: ProgressListener, signal: AbortSignal): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new Error('the worker pool is closed'));
      if (signal.aborted) return reject(signal.reason);
      const task: Task = { job, preparing: false, onProgress, signal, resolve, reject };
      signal.addEventListener('abort', () => this.#abort(task), { once: true });
      this.#queue.push(task);
      this.#drain();
    });
  }

  /** Threads alive (idle or busy) and jobs running or waiting. */
  stats(): { threads: number; busy: number; queued: number } {
    return { threads: this.#idle.length + this.#busy.size, busy: this.#busy.size, queued: this.#queue.length };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('the server is shutting down'));
    const workers = [...this.#busy.keys(), ...this.#idle.map((i) => i.worker)];
    for (const idle of this.#idle.splice(0)) clearTimeout(idle.timer);
    for (const [, task] of this.#busy) task.reject(new Error('the server is shutting down'));
    this.#busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  #drain(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const idle = this.#idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        this.#start(idle.worker, this.#queue.shift()!);
      } else if (this.#busy.size + this.#starting < this.size && this.#queue.length > this.#starting) {
        this.#spawn(); // the new thread takes the next job when it is up
      } else {
        return;
      }
    }
  }

  #spawn(): void {
    this.#starting++;
    let online = false;
    const worker = new Worker(BOOT, { workerData: { entry: new URL('./worker.ts', import.meta.url).href } });
    worker.unref();
    // 'ready' comes from the worker once its modules are loaded (see worker.ts)
    worker.on('message', (message: WorkerMessage | { type: 'ready' }) => {
      if (message.type !== 'ready') return this.#message(worker, message);
      online = true;
      this.#starting--;
      this.#release(worker);
    });
    const lost = (err: Error) => {
      if (online) return this.#lost(worker, err);
      // A thread that never came up: fail one waiting job rather than spawning again and again.
      online = true;
      this.#starting--;
      this.#queue.shift()?.reject(err);
      this.#drain();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`analysis worker exited with code ${code}`)));
  }

  #start(worker: Worker, task: Task): void {
    this.#busy.set(worker, task);
    task.preparing = true;
    task.job().then(
      (job) => {
        if (this.#busy.get(worker) !== task) return; // aborted meanwhile
        task.preparing = false;
        const transfer = [...transferablesOf(job.points as unknown as Record<string, unknown>), ...transferablesOf(job.units as unknown as Record<string, unknown> | null)];
        worker.postMessage(job, transfer);
      },
      (err: unknown) => {
        if (this.#busy.get(worker) !== task) return;
        this.#busy.delete(worker);
        task.reject(err);
        this.#release(worker);
      },
    );
  }

  #message(worker: Worker, message: WorkerMessage): void {
    const task = this.#busy.get(worker);
    if (!task) return;
    if (message.type === 'progress') {
      task.onProgress(message.stage, message.fraction);
      return;
    }
    this.#busy.delete(worker);
    if (message.type === 'done') task.resolve(message.result);
    else task.reject(message.error.code === 'INTERNAL' ? new Error(message.error.message) : new JobFailure(message.error.code, message.error.message, message.error.details));
    this.#release(worker);
  }

  /** A thread free for the next job, or kept idle for a while. */
  #release(worker: Worker): void {
    if (this.#closed) {
      void worker.terminate();
      return;
    }
    const timer = setTimeout(() => {
      const k = this.#idle.findIndex((i) => i.worker === worker);
      if (k >= 0) this.#idle.splice(k, 1);
      void worker.terminate();
    }, IDLE_MS);
    timer.unref();
    this.#idle.push({ worker, timer });
    this.#drain();
  }

  #abort(task: Task): void {
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      task.reject(task.signal.reason);
      return;
    }
    for (const [worker, running] of this.#busy) {
      if (running !== task) continue;
      this.#busy.delete(worker);
      task.reject(task.signal.reason);
      if (task.preparing) {
        this.#release(worker); // it was only waiting for the job: nothing to stop
        return;
      }
      void worker.terminate(); // 'exit' follows; the thread is already out of the pool
      this.#drain();
      return;
    }
  }

  /** A thread that crashed or exited: its job fails, and it leaves the pool. */
  #lost(worker: Worker, err: Error): void {
    const task = this.#busy.get(worker);
    this.#busy.delete(worker);
    const k = this.#idle.findIndex((i) => i.worker === worker);
    if (k >= 0) {
      clearTimeout(this.#idle[k]!.timer);
      this.#idle.splice(k, 1);
    }
    task?.reject(err);
    this.#drain();
  }
}
