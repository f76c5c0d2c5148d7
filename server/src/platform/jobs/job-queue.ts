import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Engine } from '../db/engine.ts';

/** A background job: an id, the schema of its payload and what to do. One file per job. */
export interface JobDefinition<S extends z.ZodType> {
  name: string;
  payload: S;
  handle(payload: z.infer<S>): Promise<void>;
  retryLimit?: number;
}

/**
 * Jobs persist in PostgreSQL through pg-boss (its own schema `pgboss`), so any instance
 * may send and any instance may run them; on PGlite the same queue runs in-process.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #definitions = new Map<string, JobDefinition<z.ZodType>>();
  #started = false;

  constructor(engine: Engine, private readonly onError: (err: unknown) => void) {
    this.#boss = new PgBoss({
      ...engine.jobsConnection(),
      schema: 'pgboss',
      schedule: false,
      supervise: true,
      ...(engine.kind === 'postgres' ? { max: 4 } : {}),
    } as ConstructorParameters<typeof PgBoss>[0]);
    this.#boss.on('error', onError);
  }

  /** Whether this instance's queue runs (ALIANZA_JOBS): only then can it send jobs. */
  get started(): boolean {
    return this.#started;
  }

  define<S extends z.ZodType>(definition: JobDefinition<S>): void {
    this.#definitions.set(definition.name, definition as unknown as JobDefinition<z.ZodType>);
  }

  async start(): Promise<void> {
    await this.#boss.start();
    for (const def of this.#definitions.values()) {
      await this.#boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit ?? 3, retryDelay: 5, retryBackoff: true });
      await this.#boss.work(def.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await def.handle(def.payload.parse(job.data));
      });
    }
    this.#started = true;
  }

  async send<S extends z.ZodType>(definition: JobDefinition<S>, payload: z.infer<S>): Promise<string | null> {
    if (!this.#started) throw new Error('The job queue is not started.');
    return this.#boss.send(definition.name, definition.payload.parse(payload) as object);
  }

  /** The state of a sent job: created, active, completed, failed, ... (null when unknown). */
  async state<S extends z.ZodType>(definition: JobDefinition<S>, id: string): Promise<string | null> {
    return (await this.#boss.getJobById(definition.name, id))?.state ?? null;
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: 5000, wait: true });
  }
}
