import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AttemptsRepository, CatalogueService, RunQueue, Toolchain } from '@wb/common';

/** Where a queued attempt stands: 1 for the next job a worker takes, and about how long until then. */
export interface QueuePlace {
  position: number;
  /** Null while nothing predicts it: no run of the toolchain's labs finished yet, or no worker takes jobs. */
  estimateMs: number | null;
}

/** How often the queues are looked at: the live views re-send a place that changed this often. */
export const QUEUE_TICK_MS = 2_000;
/** Run times change slowly: their median is read again this often (before the first run, every tick). */
const HISTORY_MS = 60_000;
/** How many of a toolchain's latest runs the median is taken over. */
const HISTORY_RUNS = 50;
/** A queue or history read that takes longer leaves the place out rather than hold the answer (Redis out of reach). */
const READ_TIMEOUT_MS = 1_000;

interface Snapshot<T> {
  at: number;
  value: Promise<T>;
  /** Once the read is done, what it found. */
  settled?: { value: T };
}

/** A run queue's line as one look saw it: each waiting attempt's index, and the jobs running. */
interface Line {
  indexOf: Map<string, number>;
  active: number;
}

/**
 * Queue positions and wait estimates, cheap whatever the number of students watching: each
 * toolchain's queue is read at most once per tick per gateway process, and its run times once a
 * minute, and every request and live view of that tick shares the answer. The live views watch
 * one process-wide timer instead of polling on their own.
 *
 * The estimate is the median time a worker held the toolchain's latest runs, times the rounds of
 * jobs ahead: while jobs wait, every slot serving the queue is busy (a free one takes a job at
 * once), so the jobs running now are the slots that will serve the line.
 */
@Injectable()
export class QueuePlaces implements OnApplicationShutdown {
  private readonly logger = new Logger(QueuePlaces.name);
  private readonly lines = new Map<Toolchain, Snapshot<Line>>();
  private readonly medians = new Map<Toolchain, Snapshot<number | null>>();
  private readonly watchers = new Set<() => void>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runQueue: RunQueue,
    private readonly attempts: AttemptsRepository,
    private readonly catalogue: CatalogueService,
  ) {}

  /**
   * The attempt's place while its job waits; null once a worker has it, when it is not queued,
   * and when Redis or Postgres do not answer at once: the place is a nicety, and the attempt
   * itself must still answer.
   */
  async of(attempt: { id: string; mpId: string; status: string }): Promise<QueuePlace | null> {
    const toolchain = this.catalogue.find(attempt.mpId)?.config.toolchain;
    if (attempt.status !== 'queued' || !toolchain) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, READ_TIMEOUT_MS, null)));
    try {
      return await Promise.race([this.place(attempt.id, toolchain), late]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls `listener` every tick while it is registered; returns its deregistration. */
  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    this.timer ??= setInterval(() => this.watchers.forEach((w) => w()), QUEUE_TICK_MS);
    return () => {
      this.watchers.delete(listener);
      if (this.watchers.size || !this.timer) return;
      clearInterval(this.timer);
      this.timer = undefined;
    };
  }

  private async place(attemptId: string, toolchain: Toolchain): Promise<QueuePlace | null> {
    const line = await this.line(toolchain);
    const index = line.indexOf.get(attemptId);
    if (index === undefined) return null;
    const median = await this.median(toolchain);
    const rounds = line.active ? Math.ceil((index + 1) / line.active) : 0;
    return { position: index + 1, estimateMs: median === null || !rounds ? null : rounds * median };
  }

  private line(toolchain: Toolchain): Promise<Line> {
    return this.fresh(
      this.lines,
      toolchain,
      () => QUEUE_TICK_MS,
      async () => {
        const { waiting, active } = await this.runQueue.line(toolchain);
        return { indexOf: new Map(waiting.map((id, i) => [id, i])), active };
      },
    );
  }

  private median(toolchain: Toolchain): Promise<number | null> {
    return this.fresh(
      this.medians,
      toolchain,
      (median) => (median === null ? QUEUE_TICK_MS : HISTORY_MS),
      () => {
        const labs = this.catalogue
          .all()
          .filter((mp) => mp.config.toolchain === toolchain)
          .map((mp) => mp.config.id);
        return this.attempts.medianRunMs(labs, HISTORY_RUNS);
      },
    );
  }

  /**
   * The cached answer while a read is under way or younger than `maxAgeMs` of what it found, else
   * one new read shared by every caller; a failed read is not kept.
   */
  private fresh<T>(
    cache: Map<Toolchain, Snapshot<T>>,
    toolchain: Toolchain,
    maxAgeMs: (found: T) => number,
    read: () => Promise<T>,
  ): Promise<T> {
    const cached = cache.get(toolchain);
    if (cached && (!cached.settled || Date.now() - cached.at < maxAgeMs(cached.settled.value))) return cached.value;
    const snapshot: Snapshot<T> = { at: Date.now(), value: read() };
    cache.set(toolchain, snapshot);
    snapshot.value.then(
      (value) => (snapshot.settled = { value }),
      (err: Error) => {
        if (cache.get(toolchain) === snapshot) cache.delete(toolchain);
        this.logger.warn(`queue place of ${toolchain}: ${err.message}`);
      },
    );
    return snapshot.value;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
