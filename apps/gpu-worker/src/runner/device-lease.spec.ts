import { DeviceLease } from './device-lease';
import { RunAborted } from './run-aborted';

/** A piece of work that stays on the device until the test lets it go. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const work = async () => {
    log.push(`${name} starts`);
    await done;
    log.push(`${name} ends`);
  };
  return { work, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DeviceLease (who runs on the worker device)', () => {
  it('lets ordinary runs share the device', async () => {
    const lease = new DeviceLease();
    const log: string[] = [];
    const a = held(log, 'a');
    const b = held(log, 'b');
    const runs = [lease.shared(a.work), lease.shared(b.work)];
    await settle();
    expect(log).toEqual(['a starts', 'b starts']);
    a.finish();
    b.finish();
    await Promise.all(runs);
  });

  it('starts a timed run once the runs under way have ended, and holds later runs until it ends', async () => {
    const lease = new DeviceLease();
    const log: string[] = [];
    const first = held(log, 'run 1');
    const timing = held(log, 'timing');
    const runs = [lease.shared(first.work)];
    const timed = lease.exclusive(timing.work);
    runs.push(lease.shared(async () => void log.push('run 2 starts')));
    await settle();
    expect(log).toEqual(['run 1 starts']);
    first.finish();
    await settle();
    expect(log).toEqual(['run 1 starts', 'run 1 ends', 'timing starts']);
    timing.finish();
    await Promise.all([timed, ...runs]);
    expect(log).toEqual(['run 1 starts', 'run 1 ends', 'timing starts', 'timing ends', 'run 2 starts']);
  });

  it('runs two timed runs one after the other', async () => {
    const lease = new DeviceLease();
    const log: string[] = [];
    const one = held(log, 'timing 1');
    const both = [lease.exclusive(one.work), lease.exclusive(async () => void log.push('timing 2 starts'))];
    await settle();
    expect(log).toEqual(['timing 1 starts']);
    one.finish();
    await Promise.all(both);
    expect(log).toEqual(['timing 1 starts', 'timing 1 ends', 'timing 2 starts']);
  });

  it('gives up waiting when the job is cancelled, and the device stays usable', async () => {
    const lease = new DeviceLease();
    const log: string[] = [];
    const run = held(log, 'run');
    const running = lease.shared(run.work);
    const cancel = new AbortController();
    const waiting = lease.exclusive(async () => void log.push('timing starts'), cancel.signal);
    cancel.abort('cancelled by a staff member');
    await expect(waiting).rejects.toBeInstanceOf(RunAborted);
    run.finish();
    await running;
    await lease.exclusive(async () => void log.push('next timing starts'));
    expect(log).toEqual(['run starts', 'run ends', 'next timing starts']);
  });

  it('refuses at once when the job was cancelled before it asked', async () => {
    const cancel = new AbortController();
    cancel.abort('the worker is stopping');
    const work = jest.fn(async () => undefined);
    await expect(new DeviceLease().shared(work, cancel.signal)).rejects.toBeInstanceOf(RunAborted);
    expect(work).not.toHaveBeenCalled();
  });

  it('hands the device back when the work throws', async () => {
    const lease = new DeviceLease();
    await expect(lease.shared(async () => Promise.reject(new Error('box broke')))).rejects.toThrow('box broke');
    await expect(lease.exclusive(async () => 'alone')).resolves.toBe('alone');
  });
});
