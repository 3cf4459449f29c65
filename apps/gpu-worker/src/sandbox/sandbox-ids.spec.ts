import { SandboxIds } from './sandbox-ids';

describe('SandboxIds', () => {
  it('gives boxes running at once different ids, uid and gid alike', async () => {
    const ids = new SandboxIds(3_000_000, 3);
    const seen: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const boxes = [0, 1, 2].map(() =>
      ids.with(async ({ uid, gid }) => {
        expect(gid).toBe(uid);
        seen.push(uid);
        await held;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.sort()).toEqual([3_000_000, 3_000_001, 3_000_002]);
    release();
    await Promise.all(boxes);
  });

  it('makes a box wait for a free id when all are taken, and hands it over when one ends', async () => {
    const ids = new SandboxIds(3_000_000, 1);
    const order: string[] = [];
    let release!: () => void;
    const first = ids.with(async ({ uid }) => {
      order.push(`first ${uid}`);
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first done');
    });
    const second = ids.with(async ({ uid }) => void order.push(`second ${uid}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first 3000000']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first 3000000', 'first done', 'second 3000000']);
  });

  it('gives the id back when the box fails', async () => {
    const ids = new SandboxIds(3_000_000, 1);
    await expect(ids.with(() => Promise.reject(new Error('the box failed')))).rejects.toThrow('the box failed');
    expect(await ids.with(async ({ uid }) => uid)).toBe(3_000_000);
    expect(ids.all()).toEqual([3_000_000]);
  });
});
