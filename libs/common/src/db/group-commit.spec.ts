import { GroupCommit } from './group-commit';

interface Write {
  key: string;
  value: number;
}

/** A database stand-in whose commits the test releases one at a time, recording every batch. */
class HeldCommits {
  readonly batches: Write[][] = [];
  private readonly releases: (() => void)[] = [];
  failWith: (batch: Write[]) => Error | undefined = () => undefined;

  readonly commit = (batch: Write[]): Promise<number[]> => {
    this.batches.push(batch);
    return new Promise((resolve, reject) => {
      this.releases.push(() => {
        const error = this.failWith(batch);
        if (error) reject(error);
        else resolve(batch.map((w) => w.value * 10));
      });
    });
  };

  /** Lets the oldest commit in flight finish, then lets promise callbacks run. */
  async releaseOne(): Promise<void> {
    this.releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  }

  get waiting(): number {
    return this.releases.length;
  }
}

describe('GroupCommit', () => {
  let db: HeldCommits;
  let group: GroupCommit<Write, number>;

  beforeEach(() => {
    db = new HeldCommits();
    group = new GroupCommit(db.commit, (w) => w.key, { maxBatch: 3, maxInFlight: 1 });
  });

  it('sends a write at once when nothing is in flight, and gathers those that arrive meanwhile into the next batch', async () => {
    const first = group.write({ key: 'a', value: 1 });
    expect(db.batches).toEqual([[{ key: 'a', value: 1 }]]);
    const later = [group.write({ key: 'b', value: 2 }), group.write({ key: 'c', value: 3 })];
    expect(db.batches).toHaveLength(1);
    await db.releaseOne();
    expect(await first).toBe(10);
    expect(db.batches[1]).toEqual([
      { key: 'b', value: 2 },
      { key: 'c', value: 3 },
    ]);
    await db.releaseOne();
    expect(await Promise.all(later)).toEqual([20, 30]);
  });

  it('never puts more than maxBatch writes in one batch', async () => {
    const all = [group.write({ key: 'x', value: 0 })];
    for (let i = 1; i <= 5; i++) all.push(group.write({ key: `k${i}`, value: i }));
    while (db.waiting) await db.releaseOne();
    await Promise.all(all);
    expect(db.batches.map((b) => b.length)).toEqual([1, 3, 2]);
  });

  it('commits writes to one key in arrival order, in separate batches, never two in flight together', async () => {
    group = new GroupCommit(db.commit, (w) => w.key, { maxBatch: 10, maxInFlight: 3 });
    const writes = [1, 2, 3].map((value) => group.write({ key: 'same', value }));
    writes.push(group.write({ key: 'other', value: 4 }));
    // Only one write per key is in flight: 'same' #1 went alone, 'other' joined the next free slot.
    expect(db.batches).toEqual([[{ key: 'same', value: 1 }], [{ key: 'other', value: 4 }]]);
    while (db.waiting) await db.releaseOne();
    expect(await Promise.all(writes)).toEqual([10, 20, 30, 40]);
    expect(db.batches.filter((b) => b[0].key === 'same').map((b) => b.map((w) => w.value))).toEqual([[1], [2], [3]]);
  });

  it('retries a failed batch write by write, so only the bad write fails', async () => {
    db.failWith = (batch) => (batch.some((w) => w.value === 2) ? new Error('invalid input') : undefined);
    const first = group.write({ key: 'a', value: 1 });
    const batch = Promise.allSettled([1, 2, 3].map((value) => group.write({ key: `b${value}`, value })));
    await db.releaseOne();
    await first;
    await db.releaseOne(); // the batch of three fails
    while (db.waiting) await db.releaseOne();
    const settled = await batch;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.batches.slice(2).map((b) => b.map((w) => w.value))).toEqual([[1], [2], [3]]);
  });

  it('fails the whole batch at once when the database is out of reach, without retrying each write', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    db.failWith = () => outage;
    const first = group.write({ key: 'a', value: 1 }).catch((e: Error) => e);
    const batch = [2, 3].map((value) => group.write({ key: `b${value}`, value }).catch((e: Error) => e));
    await db.releaseOne();
    await db.releaseOne();
    expect(await first).toBe(outage);
    expect(await Promise.all(batch)).toEqual([outage, outage]);
    expect(db.batches).toHaveLength(2);
  });
});
