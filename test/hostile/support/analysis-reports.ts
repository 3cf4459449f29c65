import { ncuArgs, sanitizerArgs } from '@wb/common';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolRun } from '../../../apps/gpu-worker/src/runner/analysis-runs';
import type { ExecResult, ExecSpec } from '../../../apps/gpu-worker/src/runner/exec-types';
import { TOOL_REPORT_CAP } from '../../../apps/gpu-worker/src/runner/dataset-runner';
import { Sandbox } from '../../../apps/gpu-worker/src/runner/sandbox';
import type { SandboxExecSpec } from '../../../apps/gpu-worker/src/sandbox/sandbox-spec';
import type { HostileVerdict } from './hostile-programs';

export const ANALYSIS_DIR = join(__dirname, '..', 'analysis');

/** The stand-in's report (one error), whole: what the worker keeps when nothing stopped the tool. */
const GENUINE_SANITIZER = /^========= COMPUTE-SANITIZER\n[^]*ERROR SUMMARY: 1 error\n$/;

/** One attack of analysis/saboteur.cpp on the report of the tool it runs under (its file name says which). */
export interface ReportSabotage {
  name: string;
  tool: 'memcheck' | 'ncu';
  verdict: HostileVerdict;
  /** What the attempt's output (the report as the worker kept it) must show. */
  shows: RegExp;
}

/**
 * What really happens to each attack, with the stand-in writing its report once the program has
 * ended. The box copies out regular files only, so a link or a folder never reaches the worker,
 * who reads the copy without following links anyway; the cuda-sanitizer profile refuses chmod
 * and mknod (a FIFO), killing the program, whose death the tool reports as its own status.
 */
export const REPORT_SABOTAGES: ReportSabotage[] = [
  // The tool truncates and rewrites the file after the program has ended: the forgery is gone.
  { name: 'forge', tool: 'memcheck', verdict: 'passed', shows: GENUINE_SANITIZER },
  // A forgery created read-only stays (the tool cannot open it): it misleads its author, not the grade.
  {
    name: 'forge-locked',
    tool: 'memcheck',
    verdict: 'passed',
    shows: /^========= COMPUTE-SANITIZER\n========= ERROR SUMMARY: 0 errors\n$/,
  },
  // The tool's write through the link fails in the box (the expected output is not there).
  { name: 'link-expected', tool: 'memcheck', verdict: 'passed', shows: /^\(memcheck left no report\)\n[^]*cannot write its log file/ },
  { name: 'link-shadow', tool: 'ncu', verdict: 'passed', shows: /^\(ncu left no report\)\n[^]*cannot write its log file/ },
  // mkfifo is refused: the box kills the program; the tool outlives it, writes its report and
  // exits with the program's fate as its own status (runtime_error, not sandbox_violation).
  { name: 'fifo', tool: 'memcheck', verdict: 'runtime_error', shows: GENUINE_SANITIZER },
  // A link to a full pipe that a child left behind holds and never reads: the tool blocks writing
  // its report until the run's time limit; the worker, which never opens it, does not.
  { name: 'blocking-pipe', tool: 'memcheck', verdict: 'timeout', shows: /^\(memcheck left no report\)\n/ },
  { name: 'directory', tool: 'ncu', verdict: 'passed', shows: /^\(ncu left no report\)\n[^]*Is a directory/ },
  // The folder's cap stops the flood (and the solution with it); the report is counted, not kept.
  {
    name: 'flood',
    tool: 'memcheck',
    verdict: 'output_limit',
    shows: new RegExp(`^\\(memcheck's report was \\d+ bytes, over ${TOOL_REPORT_CAP}: not kept\\)$`),
  },
  // Kept (under the cap) and shown as text, cut to the output's size: controls as pictures, invalid UTF-8 as U+FFFD.
  {
    name: 'control-bytes',
    tool: 'ncu',
    verdict: 'passed',
    shows: /^␀␀␛\[2J␛\]0;owned␇␍========= \uFFFD\uFFFD\uFFFD\( ERROR SUMMARY[^]*\[truncated: \d+ bytes in all, the first \d+ shown\]$/,
  },
];

/** The tool's command line as the worker builds it (analysis-runs.ts), with the stand-in as the tool. */
export function toolRun(tool: ReportSabotage['tool'], standIn: string): ToolRun {
  const logName = tool === 'ncu' ? 'ncu.csv' : `${tool}.log`;
  return { name: tool, command: standIn, args: tool === 'ncu' ? ncuArgs(logName) : sanitizerArgs(tool, logName), logName };
}

/** Compiles analysis/stand-in-tool.c into `dir`; the box's uid must be able to run it. */
export function buildStandInTool(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const tool = join(dir, 'stand-in-tool');
  execFileSync('cc', ['-O', '-o', tool, join(ANALYSIS_DIR, 'stand-in-tool.c')]);
  chmodSync(tool, 0o755);
  return tool;
}

/**
 * The worker's sandbox with the stand-in bound read-only into each box that runs it: the real
 * tools lie under /usr, which every box has read-only, the stand-in in the test's scratch
 * folder. Nothing else changes: the cuda-sanitizer profile, its limits and the one exec it
 * allows (of the program) are the worker's own.
 */
export class WithStandInTool extends Sandbox {
  readonly description: string;
  readonly programsHaveOwnUid: boolean;

  constructor(
    private readonly inner: Sandbox,
    private readonly tool: string,
  ) {
    super();
    this.description = inner.description;
    this.programsHaveOwnUid = inner.programsHaveOwnUid;
  }

  compile(spec: ExecSpec): Promise<ExecResult> {
    return this.inner.compile(spec);
  }

  run(spec: SandboxExecSpec): Promise<ExecResult> {
    if (spec.command !== this.tool) return this.inner.run(spec);
    const withTool: SandboxExecSpec = { ...spec, readOnlyPaths: [...(spec.readOnlyPaths ?? []), this.tool] };
    return this.inner.run(withTool);
  }
}
