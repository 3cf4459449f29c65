import type { SandboxProfile } from '@wb/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StartedBox } from './boxed-exec';
import { MadeBox, WarmBoxes } from './warm-boxes';

/** A box that only records what is done to it: the launcher's spawn is what warm-boxes saves. */
class FakeBox {
  exited = false;
  taken = false;
  discarded = false;
  idled = false;
  constructor(
    readonly profile: SandboxProfile,
    readonly pid: number,
  ) {}
  get ready(): boolean {
    return !this.exited && !this.taken && !this.discarded;
  }
  idle(): void {
    this.idled = true;
  }
  async discard(): Promise<void> {
    this.discarded = true;
  }
}

async function turns(count = 20): Promise<void> {
  for (let i = 0; i < count; i++) await nextTurn();
}

describe('WarmBoxes', () => {
  let made: FakeBox[];
  const make = (profile: SandboxProfile): MadeBox => {
    const box = new FakeBox(profile, 1000 + made.length);
    made.push(box);
    return { box: box as unknown as StartedBox, cgroup: null };
  };
  const take = (warm: WarmBoxes, profile: SandboxProfile) => warm.take(profile)?.box as unknown as FakeBox | undefined;

  beforeEach(() => {
    made = [];
  });

  it("keeps as many boxes of a profile made ahead as it is told, after that profile's first run", async () => {
    const warm = new WarmBoxes(make, (profile) => (profile === 'cpu' ? 3 : 1));
    await turns();
    expect(made).toHaveLength(0); // nothing before a run asks
    expect(take(warm, 'cpu')).toBeUndefined(); // the first run makes its own
    await turns();
    expect(made.map((b) => b.profile)).toEqual(['cpu', 'cpu', 'cpu']);
    expect(made.every((b) => b.idled)).toBe(true);
    expect(warm.waitingPids()).toEqual([1000, 1001, 1002]);
    await warm.close();
  });

  it('gives runs starting together a box each, the oldest first, and replaces each one taken', async () => {
    const warm = new WarmBoxes(make, () => 3);
    take(warm, 'cpu');
    await turns();
    const together = [take(warm, 'cpu'), take(warm, 'cpu'), take(warm, 'cpu')];
    expect(together.map((b) => b?.pid)).toEqual([1000, 1001, 1002]);
    expect(take(warm, 'cpu')).toBeUndefined(); // a fourth at once makes its own
    await turns();
    expect(warm.waitingPids()).toEqual([1003, 1004, 1005]);
    await warm.close();
  });

  it('gives up a box that died while it waited and hands out the next', async () => {
    const warm = new WarmBoxes(make, () => 2);
    take(warm, 'opencl');
    await turns();
    made[0].exited = true;
    expect(take(warm, 'opencl')?.pid).toBe(1001);
    expect(made[0].discarded).toBe(true);
    await warm.close();
  });

  it('keeps the profiles apart', async () => {
    const warm = new WarmBoxes(make, () => 1);
    take(warm, 'cpu');
    await turns();
    expect(take(warm, 'cuda')).toBeUndefined();
    expect(take(warm, 'cpu')?.profile).toBe('cpu');
    await warm.close();
  });

  it('ends every waiting box on close, and makes none after', async () => {
    const warm = new WarmBoxes(make, () => 2);
    take(warm, 'cpu');
    await turns();
    await warm.close();
    expect(made.map((b) => b.discarded)).toEqual([true, true]);
    expect(take(warm, 'cpu')).toBeUndefined();
    await turns();
    expect(made).toHaveLength(2);
    expect(warm.waitingPids()).toEqual([]);
  });

  it('goes on without boxes ahead when one cannot be made, and tries again at the next run', async () => {
    let failing = true;
    const warm = new WarmBoxes(
      (profile) => {
        if (failing) throw new Error('no launcher');
        return make(profile);
      },
      () => 2,
    );
    take(warm, 'cpu');
    await turns();
    expect(warm.waitingPids()).toEqual([]);
    failing = false;
    take(warm, 'cpu');
    await turns();
    expect(warm.waitingPids()).toEqual([1000, 1001]);
    await warm.close();
  });
});
