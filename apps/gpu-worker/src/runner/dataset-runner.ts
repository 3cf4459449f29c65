import { Injectable } from '@nestjs/common';
import {
  ANALYSIS_SANDBOX_PROFILE,
  cappedText,
  Dataset,
  DatasetResult,
  LibwbLog,
  LibwbTimer,
  crashHint,
  Mp,
  toolchainSpec,
} from '@wb/common';
import { compareOutput, Mismatches } from '@wb/judge';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readProgramFile } from '../sandbox/program-file';
import type { SandboxExecSpec } from '../sandbox/sandbox-spec';
import { analysisTimeoutMs, ToolRun } from './analysis-runs';
import type { ExecResult } from './exec-types';
import { readLibwbReport } from './libwb-report';
import { Sandbox } from './sandbox';
import { runVerdict } from './verdict';

/**
 * How much of the program's stdout and of its stderr is kept to show the student; the rest is
 * counted (and counts against the lab's output limit) but not kept.
 */
const PROGRAM_OUTPUT_CAP = 64 * 1024;
const REPORT_CAP = 4 * 1024 * 1024;
/** An analysis tool's report: the sanitizer prints at most SANITIZER_PRINT_LIMIT errors, ncu a few rows per metric. */
export const TOOL_REPORT_CAP = 512 * 1024;

export interface DatasetRun {
  result: DatasetResult;
  /** The program's stdout and stderr, made safe to show ({@link cappedText}). */
  output: string;
  /** How many bytes the program wrote to stdout and stderr in all. */
  outputBytes: number;
  timers: LibwbTimer[];
  logs: LibwbLog[];
}

/** Runs a compiled program on one dataset and judges it; the expected output stays outside. */
@Injectable()
export class DatasetRunner {
  constructor(private readonly sandbox: Sandbox) {}

  /**
   * `analysis`: the program runs once under each tool instead (analysis-runs.ts); the first run
   * is judged as usual, and the tools' reports, not the program's printing, are the output.
   */
  async run(mp: Mp, binary: string, dataset: Dataset, runDir: string, signal?: AbortSignal, analysis?: ToolRun[]): Promise<DatasetRun> {
    const dir = join(runDir, `dataset-${dataset.id}`);
    await mkdir(dir, { mode: 0o700 });
    const outputFile = join(dir, `output${extname(dataset.expected)}`);
    const reportFile = join(dir, 'wb-report.json');
    const outputCap = mp.config.limits.output_bytes;
    const toolchain = toolchainSpec(mp.config.toolchain);

    const spec: SandboxExecSpec = {
      command: binary,
      args: ['-i', dataset.inputs.join(','), '-o', outputFile, '-t', mp.config.output_type],
      cwd: dir,
      env: { ...toolchain.runEnv, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', WB_REPORT_FILE: reportFile },
      timeoutMs: mp.config.limits.run_s * 1000,
      outputCapBytes: PROGRAM_OUTPUT_CAP,
      // Printing is part of the program's output: a flood ends at the lab's limit (output_limit).
      outputLimitBytes: outputCap,
      signal,
      // The lab's toolchain picks the syscall whitelist; only the input files enter the box
      // (the expected output beside them never does).
      profile: toolchain.sandboxProfile,
      readOnlyPaths: dataset.inputs,
      // Room for the solution up to the lab's output limit and for libwb's report; no more.
      writableBytes: outputCap + REPORT_CAP,
    };
    const { exec, toolReports } = analysis
      ? await this.underTools(spec, analysis, dir)
      : { exec: await this.sandbox.run(spec), toolReports: null };
    const report = await readLibwbReport(reportFile, REPORT_CAP);
    const solution = await readProgramFile(outputFile, outputCap);
    const outputBytes = solution.kind === 'read' ? solution.bytes.length : solution.kind === 'too-large' ? solution.bytes : -1;
    // The program's printing is counted by what the box saw of it; a tool's report by its own size.
    const printed = { bytes: exec.outputBytes, truncated: exec.outputTruncated };
    const shown = cappedText(
      toolReports ?? exec.stdout + exec.stderr,
      { maxBytes: 2 * PROGRAM_OUTPUT_CAP },
      toolReports === null ? printed : undefined,
    );
    const base = { output: shown.text, outputBytes: exec.outputBytes, timers: report.timers, logs: report.logs };
    const done = (status: DatasetResult['status'], message: string, mismatches?: Mismatches): DatasetRun => ({
      ...base,
      result: {
        dataset: dataset.id,
        status,
        passed: status === 'passed',
        message,
        timeMs: Math.round(exec.timeMs * 10) / 10,
        ...(mismatches ? { mismatches } : {}),
      },
    });

    const judged = runVerdict(exec, outputBytes, outputCap, crashHint(mp.config.toolchain));
    if (judged.verdict) return done(judged.verdict, judged.message);
    if (solution.kind === 'refused') return done('failed', `the program's output file was ${solution.why}, not its solution`);
    if (solution.kind !== 'read')
      return done('failed', 'the program produced no solution: call wbSolution(args, output, ...) with your result');

    const comparison = compareOutput(await readFile(dataset.expected), solution.bytes, {
      outputType: mp.config.output_type,
      tolerance: mp.config.tolerance,
      fileName: basename(dataset.expected), // the format (raw, csv, ppm, …) is the expected file's
    });
    if (comparison.passed) return done('passed', 'the solution is correct');
    return done('failed', comparison.message, comparison.mismatches);
  }

  /**
   * The program under each tool in turn, in a box of the `cuda-sanitizer` profile: the tool
   * starts the program (an exec the box allows for that binary only). Returns the first run, to
   * judge, and the tools' reports joined; where a tool left no report (it could not start), what
   * it printed stands in for it, so the student sees why.
   */
  private async underTools(spec: SandboxExecSpec, tools: ToolRun[], dir: string) {
    const reports: string[] = [];
    let first: ExecResult | undefined;
    for (const tool of tools) {
      const underTool: SandboxExecSpec = {
        ...spec,
        command: tool.command,
        args: [...tool.args, spec.command, ...spec.args],
        program: spec.command,
        profile: ANALYSIS_SANDBOX_PROFILE,
        timeoutMs: analysisTimeoutMs(spec.timeoutMs / 1000),
        writableBytes: (spec.writableBytes ?? 0) + TOOL_REPORT_CAP,
      };
      const exec = await this.sandbox.run(underTool);
      first ??= exec;
      const report = await readProgramFile(join(dir, tool.logName), TOOL_REPORT_CAP);
      if (report.kind === 'read') reports.push(report.bytes.toString('utf8'));
      else if (report.kind === 'too-large')
        reports.push(`(${tool.name}'s report was ${report.bytes} bytes, over ${TOOL_REPORT_CAP}: not kept)`);
      else reports.push(`(${tool.name} left no report)\n${exec.stdout}${exec.stderr}`);
    }
    return { exec: first!, toolReports: reports.join('\n') };
  }
}
