import { AnalysisAction, Mp, ncuArgs, sanitizerArgs, sanitizerTools } from '@wb/common';

/** One run of the program under an analysis tool: the tool's command line before the program's, and where it writes its report. */
export interface ToolRun {
  name: string;
  command: string;
  args: string[];
  /** The report's file name, in the dataset's folder: the box's working folder, where the tool starts. */
  logName: string;
}

export interface AnalysisToolPaths {
  sanitizer: string;
  ncu: string;
}

/**
 * The tool runs of an analysis action: one per sanitizer tool the program needs
 * (analysis-actions.ts), or one ncu run. The report goes to a file rather than stdout, so the
 * program's own printing neither mixes into it nor pushes it past the output cap.
 */
export function analysisRuns(action: AnalysisAction, program: string, tools: AnalysisToolPaths): ToolRun[] {
  if (action === 'profile') return [{ name: 'ncu', command: tools.ncu, args: ncuArgs('ncu.csv'), logName: 'ncu.csv' }];
  return sanitizerTools(program).map((tool) => {
    const logName = `${tool}.log`;
    return { name: tool, command: tools.sanitizer, args: sanitizerArgs(tool, logName), logName };
  });
}

/**
 * A run under a tool is many times slower than the program alone: compute-sanitizer instruments
 * every access, ncu replays each kernel once per counter pass.
 */
export function analysisTimeoutMs(runS: number): number {
  return Math.min(120, runS * 10) * 1000;
}

/**
 * The lab as an analysis run compiles it: with `-lineinfo`, which lets the tools name
 * `program.cu:12` rather than a kernel offset (and gives the compile cache a key of its own).
 */
export function withLineInfo(mp: Mp): Mp {
  return { ...mp, config: { ...mp.config, compile: { ...mp.config.compile, flags: [...mp.config.compile.flags, '-lineinfo'] } } };
}
