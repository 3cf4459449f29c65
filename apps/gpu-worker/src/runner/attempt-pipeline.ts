import { Injectable } from '@nestjs/common';
import { Dataset, DatasetResult, FinalStatus, LibwbLog, LibwbTimer, METRICS, labKeywordRules, Mp, overallStatus } from '@wb/common';
import { checkKeywords } from '@wb/judge';
import { ToolRun, withLineInfo } from './analysis-runs';
import { Compiler } from './compiler';
import { DatasetRunner } from './dataset-runner';
import { DeviceLease } from './device-lease';
import { RunDirectories } from './run-directories';
import { throwIfAborted } from './run-aborted';

/** The final outcome of one attempt, in the shape of a `run_results` report. */
export interface AttemptOutcome {
  status: Exclude<FinalStatus, 'cancelled'>;
  compilerOutput: string;
  output: string;
  /** What the program wrote to stdout and stderr in all, over every dataset. */
  outputBytes?: number;
  results: DatasetResult[];
  timers: LibwbTimer[];
  logs: LibwbLog[];
}

/** Which dataset a run is starting: `done` of `total` are finished (hidden ones of a grade run included). */
export interface DatasetStep {
  dataset: number;
  done: number;
  total: number;
}

export type Progress = (status: 'compiling' | 'running') => Promise<unknown>;

/**
 * Compile once, run each dataset, compare outside the program's reach. Shared by queued jobs
 * and the worker's own `POST /mp/:mp_id/compile`, so both judge a program the same way.
 */
@Injectable()
export class AttemptPipeline {
  constructor(
    private readonly compiler: Compiler,
    private readonly runner: DatasetRunner,
    private readonly runs: RunDirectories,
    private readonly device: DeviceLease,
  ) {}

  execute(
    label: string,
    mp: Mp,
    program: string,
    datasets: Dataset[],
    progress: Progress = async () => undefined,
    signal?: AbortSignal,
    onDataset: (step: DatasetStep) => void = () => undefined,
    /** A "Check memory" or "Profile" run: the program runs under these tools, compiled with -lineinfo. */
    analysis?: ToolRun[],
  ): Promise<AttemptOutcome> {
    // A guard for honest mistakes with a clear message, before any compiler runs (not the security boundary).
    const check = checkKeywords(program, labKeywordRules(mp.config));
    if (!check.ok)
      return Promise.resolve({ status: 'rejected', compilerOutput: check.message, output: '', results: [], timers: [], logs: [] });

    return this.runs.use(label, async (dir) => {
      // Only a real compile is reported: one report fewer per resubmission, which the cache serves at once.
      const compiled = await this.compiler.compile(analysis ? withLineInfo(mp) : mp, program, dir, signal, () => progress('compiling'));
      if (!compiled.ok) return { status: compiled.status, compilerOutput: compiled.output, output: '', results: [], timers: [], logs: [] };

      await progress('running');
      const results: DatasetResult[] = [];
      const outputs: string[] = [];
      const timers: LibwbTimer[] = [];
      const logs: LibwbLog[] = [];
      let outputBytes = 0;
      for (const [done, dataset] of datasets.entries()) {
        throwIfAborted(signal);
        onDataset({ dataset: dataset.id, done, total: datasets.length });
        // Per dataset, not per attempt: a timed run waiting for the device (TimingProtocol) starts
        // after this dataset rather than after the whole attempt.
        const run = await this.device.shared(() => this.runner.run(mp, compiled.binary, dataset, dir, signal, analysis), signal);
        METRICS.runSeconds.observe({ toolchain: mp.config.toolchain }, run.result.timeMs / 1000);
        outputBytes += run.outputBytes;
        // Each run's own output, timers and logs carry its dataset, so that the gateway can show a
        // student those of public datasets and nothing of a hidden one's.
        results.push({ ...run.result, output: run.output, outputBytes: run.outputBytes });
        outputs.push(datasets.length > 1 ? `== dataset ${dataset.id} ==\n${run.output}` : run.output);
        // Each run numbers its timers from 0; keep the parent links pointing at the same timers.
        const offset = timers.length;
        timers.push(
          ...run.timers.map((t) => ({
            ...t,
            parent: t.parent === null || t.parent === undefined ? null : t.parent + offset,
            dataset: dataset.id,
          })),
        );
        logs.push(...run.logs.map((l) => ({ ...l, dataset: dataset.id })));
      }
      const status = overallStatus(results);
      return { status, compilerOutput: compiled.output, output: outputs.join('\n'), outputBytes, results, timers, logs };
    });
  }
}

/** The datasets a request names: one public dataset, or every public one for -1 (a grade run: every one, hidden included). */
export function selectDatasets(mp: Mp, dataset: number, includeHidden = false): Dataset[] {
  const visible = includeHidden ? mp.datasets : mp.datasets.filter((d) => !d.hidden);
  return dataset === -1 ? visible : visible.filter((d) => d.id === dataset);
}
