import { AppConfig, Dataset, DeviceFacts, loadMp, Mp } from '@wb/common';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Compiler } from '../runner/compiler';
import type { DatasetRun, DatasetRunner } from '../runner/dataset-runner';
import { DeviceLease } from '../runner/device-lease';
import { RunDirectories } from '../runner/run-directories';
import type { DeviceReader } from './device-reader';
import { FreshInputs } from './fresh-inputs';
import { TimingProtocol } from './timing-protocol';

const ROOT = join(__dirname, '..', '..', '..', '..');
const LAB = loadMp(join(ROOT, 'mps', 'vector-add-cpp'), 'vector-add-cpp');

/** A raw vector file's values. */
async function vector(file: string): Promise<number[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((v) => Math.fround(Number(v)));
}

/**
 * Stands in for the box: "runs" a vector addition on the fresh inputs and judges it against the
 * generator's expected output, as the real DatasetRunner does. `wrongOnRun` (1-based) plants a
 * program that is right on every input but one run's.
 */
class AddingRunner {
  readonly seen: Dataset[] = [];
  constructor(private readonly wrongOnRun?: number) {}

  async run(_mp: Mp, _binary: string, dataset: Dataset): Promise<DatasetRun> {
    this.seen.push(dataset);
    const [a, b] = await Promise.all(dataset.inputs.map(vector));
    const expected = await vector(dataset.expected);
    const wrong = this.seen.length === this.wrongOnRun;
    const sum = a.map((x, i) => Math.fround(x + b[i]) + (wrong ? 1 : 0));
    const passed = sum.every((x, i) => x === expected[i]);
    const elapsedMs = 1 + this.seen.length / 10;
    return {
      result: {
        dataset: dataset.id,
        status: passed ? 'passed' : 'failed',
        passed,
        message: passed ? 'the solution is correct' : 'element 0 differs',
        timeMs: 5,
      },
      output: '',
      outputBytes: 0,
      timers: [
        { kind: 'Generic', message: 'import', elapsedMs: 40, parent: null },
        { kind: 'Compute', message: 'add', elapsedMs, parent: null },
      ],
      logs: [],
    };
  }
}

class SteadyDevice {
  readonly reads: DeviceFacts[] = [];
  constructor(private readonly clocks: number[]) {}
  async read(): Promise<DeviceFacts> {
    const facts: DeviceFacts = { model: 'AMD EPYC 7R13 Processor', kind: 'cpu', clockMhz: this.clocks[this.reads.length] };
    this.reads.push(facts);
    return facts;
  }
}

describe('TimingProtocol on vector-add-cpp (fresh inputs from its generator, no GPU)', () => {
  let work: string;
  let runs: RunDirectories;
  const compiler = { compile: async () => ({ ok: true, binary: '/bin/true', output: '' }) } as unknown as Compiler;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'wb-timing-'));
    runs = new RunDirectories({ WORKER_WORK_DIR: work } as AppConfig);
  });

  afterEach(async () => {
    await runs.onApplicationShutdown();
    await rm(work, { recursive: true, force: true });
  });

  const protocol = (runner: AddingRunner, device: SteadyDevice, lease = new DeviceLease()) =>
    new TimingProtocol(compiler, runner as unknown as DatasetRunner, runs, new FreshInputs(), device as unknown as DeviceReader, lease);

  it('runs `runs` times, each on new inputs from a new seed, and gives the median of the Compute timer', async () => {
    const runner = new AddingRunner();
    const outcome = await protocol(runner, new SteadyDevice([2650, 2650])).execute('timing-1', LAB, 'int main() {}');

    expect(outcome.status).toBe('valid');
    expect(outcome.runs).toHaveLength(5);
    expect(new Set(outcome.runs.map((r) => r.seed)).size).toBe(5);
    // Every run's inputs were made for it in the run's own directory, never the lab's stored ones.
    expect(runner.seen.every((d) => d.dir.startsWith(join(work, 'runs')))).toBe(true);
    expect(new Set(runner.seen.map((d) => d.dir)).size).toBe(5);
    expect(runner.seen.map((d) => d.id)).toEqual([5, 5, 5, 5, 5]);
    expect(outcome.figure?.medianMs).toBeCloseTo(1.3, 10); // 1.1 … 1.5
    expect(outcome.figure?.spread).toBeCloseTo(0.4 / 1.3, 10);
    expect(outcome.deviceStart?.model).toBe('AMD EPYC 7R13 Processor');
  });

  it('gives different inputs for different seeds and the same for the same seed', async () => {
    const fresh = new FreshInputs();
    const make = (seed: number, dir: string) => fresh.make(LAB, 5, seed, join(work, dir)).then((d) => readFile(d.inputs[0], 'utf8'));
    const [one, other, again] = await Promise.all([make(11, 'a'), make(12, 'b'), make(11, 'c')]);
    expect(one).not.toBe(other);
    expect(one).toBe(again);
    expect(one.split('\n')[0]).toBe('4097');
    expect(one).not.toBe(await readFile(LAB.datasets[5].inputs[0], 'utf8'));
  });

  it('voids the figure of a program that is wrong on one run only, and stops there', async () => {
    const runner = new AddingRunner(3);
    const outcome = await protocol(runner, new SteadyDevice([2650, 2650])).execute('timing-2', LAB, 'int main() {}');
    expect(outcome.status).toBe('void');
    expect(outcome.runs.map((r) => r.passed)).toEqual([true, true, false]);
    expect(outcome.figure).toBeUndefined();
    expect(outcome.reason).toMatch(/^the run on seed \d+ was wrong: element 0 differs$/);
    expect(outcome.runs.at(-1)?.passed).toBe(false);
  });

  it('marks the figure unstable when the clock moved more than the lab allows', async () => {
    const outcome = await protocol(new AddingRunner(), new SteadyDevice([3600, 2650])).execute('timing-3', LAB, 'int main() {}');
    expect(outcome.status).toBe('unstable');
    expect(outcome.figure?.medianMs).toBeCloseTo(1.3, 10);
  });

  it('voids a program that does not compile, without running it', async () => {
    const failing = { compile: async () => ({ ok: false, status: 'compile_error', output: 'error: expected ;' }) } as unknown as Compiler;
    const runner = new AddingRunner();
    const outcome = await new TimingProtocol(
      failing,
      runner as unknown as DatasetRunner,
      runs,
      new FreshInputs(),
      new SteadyDevice([1, 1]) as unknown as DeviceReader,
      new DeviceLease(),
    ).execute('timing-4', LAB, 'int main() {');
    expect(outcome).toMatchObject({ status: 'void', compilerOutput: 'error: expected ;', runs: [] });
    expect(runner.seen).toHaveLength(0);
  });

  it('holds the device alone: a run already on it finishes first, and one that comes later waits for the figure', async () => {
    const lease = new DeviceLease();
    const events: string[] = [];
    let endEarlierRun!: () => void;
    const earlierRun = lease.shared(async () => {
      events.push('earlier run starts');
      await new Promise<void>((resolve) => (endEarlierRun = resolve));
      events.push('earlier run ends');
    });
    const device = new SteadyDevice([2650, 2650]);
    const read = device.read.bind(device);
    device.read = async () => {
      events.push(`device read ${device.reads.length + 1}`);
      return read();
    };
    const askedForDevice = new Promise<void>((resolve) => {
      const exclusive = lease.exclusive.bind(lease);
      lease.exclusive = (work, signal) => {
        resolve();
        return exclusive(work, signal);
      };
    });
    const timing = protocol(new AddingRunner(), device, lease).execute('timing-5', LAB, 'int main() {}');
    // The timing has made its inputs and waits for the device; a run queued now waits behind it.
    await askedForDevice;
    const laterRun = lease.shared(async () => void events.push('later run starts'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(['earlier run starts']);
    endEarlierRun();
    await Promise.all([earlierRun, timing, laterRun]);
    expect(events).toEqual(['earlier run starts', 'earlier run ends', 'device read 1', 'device read 2', 'later run starts']);
  });
});
