import { isInfrastructureOutage } from '../http/infrastructure-outage';

export interface GroupCommitOptions {
  /** The most writes one statement carries. */
  maxBatch: number;
  /** Statements in flight at once: while they run, new writes gather into the next one. */
  maxInFlight: number;
}

interface Pending<T, R> {
  item: T;
  key: string;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while earlier ones are being committed go to the database
 * together, as one statement and one transaction, so that a burst of small writes (a class
 * autosaving at once) costs one round trip and one WAL flush per batch instead of per write. At
 * low load nothing waits: a write finds a free slot and goes alone, at once.
 *
 * Writes to the same key (the same row) are committed in the order they arrived, never in the
 * same batch nor in two batches in flight together, so the later write is always the later
 * commit. A batch that fails for a reason other than the database being out of reach is retried
 * write by write, so that one bad write fails alone.
 */
export class GroupCommit<T, R> {
  private readonly pending: Pending<T, R>[] = [];
  private readonly keysInFlight = new Set<string>();
  private inFlight = 0;

  /**
   * @param commit writes a batch (distinct keys) in one statement and answers one result per
   *   item, in the same order.
   */
  constructor(
    private readonly commit: (batch: T[]) => Promise<R[]>,
    private readonly keyOf: (item: T) => string,
    private readonly options: GroupCommitOptions,
  ) {}

  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, key: this.keyOf(item), resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.takeBatch();
      if (!batch.length) return;
      this.inFlight += 1;
      for (const write of batch) this.keysInFlight.add(write.key);
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        for (const write of batch) this.keysInFlight.delete(write.key);
        this.startBatches();
      });
    }
  }

  /** The oldest pending writes whose keys are neither in flight nor already taken, in arrival order. */
  private takeBatch(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    const blocked = new Set(this.keysInFlight);
    for (let i = 0; i < this.pending.length && batch.length < this.options.maxBatch;) {
      const write = this.pending[i];
      if (blocked.has(write.key)) {
        i += 1;
        continue;
      }
      blocked.add(write.key); // a later write to this key waits for this one's batch
      batch.push(write);
      this.pending.splice(i, 1);
    }
    return batch;
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((w) => w.item));
      batch.forEach((write, i) => write.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1 || isInfrastructureOutage(error)) {
        for (const write of batch) write.reject(error);
        return;
      }
      await Promise.all(batch.map((write) => this.run([write])));
    }
  }
}
