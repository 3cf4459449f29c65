import { Injectable } from '@nestjs/common';
import { Dataset, DeviceFacts, judgeTiming, labKeywordRules, Mp, scoredTimeMs, TimedRun, TimingVerdict, toolchainSpec } from '@wb/common';
import { checkKeywords } from '@wb/judge';
import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Compiler } from '../runner/compiler';
import { DatasetRunner } from '../runner/dataset-runner';
import { DeviceLease } from '../runner/device-lease';
import { throwIfAborted } from '../runner/run-aborted';
import { RunDirectories } from '../runner/run-directories';
import { DeviceReader } from './device-reader';
import { FreshInputs } from './fresh-inputs';

/** A timed run as the worker reports it: the verdict, every run, and the device at both ends. */
export interface TimingOutcome extends TimingVerdict {
  /** Set when the program never ran: it did not compile or broke a keyword rule. */
  compilerOutput?: string;
  runs: TimedRun[];
  deviceStart?: DeviceFacts;
  deviceEnd?: DeviceFacts;
}

/**
 * The timing protocol of a lab with `performance:` in its mp.yaml: compile once, read the device,
 * run the program `runs` times, each on fresh inputs from a new seed and judged like any run,
 * read the device again, and judge the figure ({@link judgeTiming}). The consumer of the timing
 * queue runs one of these at a time per worker, and from the first reading of the device to the
 * last it holds the device alone ({@link DeviceLease}): no other program runs beside it.
 */
@Injectable()
export class TimingProtocol {
  constructor(
    private readonly compiler: Compiler,
    private readonly runner: DatasetRunner,
    private readonly runs: RunDirectories,
    private readonly inputs: FreshInputs,
    private readonly device: DeviceReader,
    private readonly lease: DeviceLease,
  ) {}

  /** A seed in [1, 2^31) from the worker's own randomness, which the program never sees. */
  protected newSeed(): number {
    return randomInt(1, 2 ** 31);
  }

  async execute(label: string, mp: Mp, program: string, signal?: AbortSignal): Promise<TimingOutcome> {
    const performance = mp.config.performance;
    if (!performance) throw new Error(`lab "${mp.config.id}" has no performance: block`);
    const check = checkKeywords(program, labKeywordRules(mp.config));
    if (!check.ok) return { status: 'void', reason: check.message, compilerOutput: check.message, runs: [] };

    return this.runs.use(label, async (dir) => {
      const compiled = await this.compiler.compile(mp, program, dir, signal);
      if (!compiled.ok) return { status: 'void', reason: 'the program did not compile', compilerOutput: compiled.output, runs: [] };

      // Every run's inputs are made first: the generator's work on the CPU does not hold the device.
      const fresh: { seed: number; dataset: Dataset; runDir: string }[] = [];
      const seeds = new Set<number>();
      while (fresh.length < performance.runs) {
        throwIfAborted(signal);
        const seed = this.newSeed();
        if (seeds.has(seed)) continue; // each run on inputs the program has not seen in this timing
        seeds.add(seed);
        const runDir = join(dir, `run-${fresh.length}`);
        await mkdir(runDir, { mode: 0o700 });
        fresh.push({ seed, runDir, dataset: await this.inputs.make(mp, performance.dataset, seed, join(runDir, 'fresh'), signal) });
      }

      const device = toolchainSpec(mp.config.toolchain).device;
      return this.lease.exclusive(async () => {
        const deviceStart = await this.device.read(device);
        const runs: TimedRun[] = [];
        for (const { seed, dataset, runDir } of fresh) {
          throwIfAborted(signal);
          const { result, timers } = await this.runner.run(mp, compiled.binary, dataset, runDir, signal);
          runs.push({ seed, passed: result.passed, message: result.message, timeMs: scoredTimeMs(timers) });
          if (!result.passed) break; // one wrong run voids the figure; the rest would only hold the device
        }
        const deviceEnd = await this.device.read(device);
        return { ...judgeTiming(runs, deviceStart, deviceEnd, performance.max_clock_drift), runs, deviceStart, deviceEnd };
      }, signal);
    });
  }
}
