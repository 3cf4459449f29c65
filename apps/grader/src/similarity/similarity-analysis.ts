import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { AnalysisInput, AnalysisMessage, AnalysisProgress, AnalysisResult } from './analysis-protocol';

export interface SimilarityAnalysisOptions {
  /** The compiled analysis-child.js. */
  script: string;
  /** Heap of the analysis process: a whole lab's tokens and fingerprints, with room. */
  heapMb: number;
  /** A report that takes longer is stopped and fails (500 programs take well under a minute). */
  timeoutMs: number;
}

const ANALYSIS_NICENESS = 10;

export const DEFAULT_ANALYSIS_OPTIONS: SimilarityAnalysisOptions = {
  script: join(__dirname, 'analysis-child.js'),
  heapMb: 3072,
  timeoutMs: 15 * 60_000,
};

/** Runs one analysis in its own process (see analysis-child.ts), reporting its progress. */
export class SimilarityAnalysis {
  constructor(private readonly options: SimilarityAnalysisOptions) {}

  run(input: AnalysisInput, onProgress: (progress: AnalysisProgress) => void): Promise<AnalysisResult> {
    return new Promise((resolve, reject) => {
      const child = fork(this.options.script, [], {
        execArgv: [`--max-old-space-size=${this.options.heapMb}`],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      // Below the grader's own work: a report may wait a little, a student's grade should not.
      if (child.pid !== undefined) setPriority(child.pid, ANALYSIS_NICENESS);
      let stderr = '';
      let outcome: { result: AnalysisResult } | { error: string } | null = null;
      const timer = setTimeout(() => {
        outcome = { error: `the analysis took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped` };
        child.kill('SIGKILL');
      }, this.options.timeoutMs);
      child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
      child.on('message', (message: AnalysisMessage) => {
        if (message.type === 'progress') onProgress({ phase: message.phase, done: message.done, total: message.total });
        else if (message.type === 'result') outcome ??= { result: { pairs: message.pairs, unanalysed: message.unanalysed } };
        else outcome ??= { error: message.message };
      });
      child.on('error', (error) => {
        outcome ??= { error: `the analysis process could not run: ${error.message}` };
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (outcome && 'result' in outcome) return resolve(outcome.result);
        const why = outcome?.error ?? `the analysis process ended (${signal ?? `exit ${code}`}) without a result`;
        reject(new Error(stderr.trim() ? `${why}: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : why));
      });
      child.send(input);
    });
  }
}
