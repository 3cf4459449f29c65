import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CatalogueService, RunQueues, Toolchain } from '@wb/common';
import { QueueEvents } from 'bullmq';

/** How far a running attempt is: `done` of its `total` datasets are finished, and the next one runs. */
export interface RunProgress {
  done: number;
  total: number;
}

type Listener = (progress: RunProgress) => void;

/** A job's progress as the worker writes it, or null for anything else (an older worker wrote none). */
export function runProgress(data: unknown): RunProgress | null {
  if (typeof data !== 'object' || data === null) return null;
  const { done, total } = data as Record<string, unknown>;
  if (!Number.isInteger(done) || !Number.isInteger(total)) return null;
  const [d, t] = [done as number, total as number];
  return t > 0 && d >= 0 && d < t ? { done: d, total: t } : null;
}

/**
 * Which dataset a running attempt is on. The worker writes it on the attempt's job as each dataset
 * starts (a Redis write on its queue connection, no request to a gateway), and BullMQ announces
 * it on the queue's event stream. Progress is not a change of the attempt, so it does not go
 * through the database and {@link AttemptNotifier}'s channels; reading the queue's events instead
 * costs one QueueEvents connection per run queue per gateway process, opened when a live view
 * first follows a run of that toolchain and shared by every view after it.
 */
@Injectable()
export class AttemptProgress implements OnApplicationShutdown {
  private readonly logger = new Logger(AttemptProgress.name);
  private readonly events = new Map<Toolchain, QueueEvents>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly queues: RunQueues,
    private readonly catalogue: CatalogueService,
  ) {}

  /** Calls `listener` with each progress of the attempt's job; returns its deregistration. */
  listen(attempt: { id: string; mpId: string }, listener: Listener): () => void {
    const toolchain = this.catalogue.find(attempt.mpId)?.config.toolchain;
    if (!toolchain) return () => undefined;
    this.follow(toolchain);
    let set = this.listeners.get(attempt.id);
    if (!set) this.listeners.set(attempt.id, (set = new Set()));
    set.add(listener);
    return () => {
      if (set.delete(listener) && !set.size) this.listeners.delete(attempt.id);
    };
  }

  /** The progress the job holds now, for a view that starts following a run already under way. */
  async current(attempt: { id: string; mpId: string }): Promise<RunProgress | null> {
    const toolchain = this.catalogue.find(attempt.mpId)?.config.toolchain;
    if (!toolchain) return null;
    const job = await this.queues.of(toolchain).getJob(attempt.id);
    return runProgress(job?.progress);
  }

  private follow(toolchain: Toolchain): void {
    if (this.events.has(toolchain)) return;
    const queue = this.queues.of(toolchain);
    const events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
    events.on('progress', ({ jobId, data }) => {
      const progress = runProgress(data);
      if (progress) for (const listener of this.listeners.get(jobId) ?? []) listener(progress);
    });
    events.on('error', (err: Error) => this.logger.warn(`${queue.name} events: ${err.message}`));
    this.events.set(toolchain, events);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.events.values()].map((events) => events.close().catch(() => undefined)));
  }
}
