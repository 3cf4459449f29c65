import type { RunVerdict } from '@wb/common';
import type { ExecResult } from './exec-types';

/** A program's run, judged from what actually happened, before its output is compared. */
export function runVerdict(
  result: ExecResult,
  outputFileBytes: number,
  /** The lab's output limit, for the solution file and for stdout and stderr together. */
  outputCapBytes: number,
  /** The toolchain's word on a crash (ToolchainSpec.crashHint), appended to its message. */
  crashHint?: string,
): { verdict: RunVerdict | null; message: string } {
  if (result.timedOut) return { verdict: 'timeout', message: `the program ran longer than the time limit and was stopped` };
  if (result.signal === 'SIGSYS') return { verdict: 'sandbox_violation', message: 'the program made a system call that is not allowed' };
  if (result.memoryLimitHit)
    return { verdict: 'memory_limit', message: 'the program ran out of memory: an allocation went past the memory limit' };
  if (result.outputLimitHit || outputFileBytes > outputCapBytes) {
    return { verdict: 'output_limit', message: `the program wrote more than ${outputCapBytes} bytes of output` };
  }
  if (result.writeLimitHit)
    return { verdict: 'output_limit', message: 'the program filled the space it may write files in (its folder and /tmp)' };
  if (result.signal) {
    const hint = crashHint && CRASH_SIGNALS.has(result.signal) ? ` — ${crashHint}` : '';
    return { verdict: 'runtime_error', message: `the program was killed by ${result.signal}${describeSignal(result.signal)}${hint}` };
  }
  if (result.exitCode !== 0) return { verdict: 'runtime_error', message: `the program exited with status ${result.exitCode}` };
  return { verdict: null, message: '' };
}

/** The signals of a program that crashed on its own, as a corrupted heap ends. */
const CRASH_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS']);

function describeSignal(signal: NodeJS.Signals): string {
  const meaning: Partial<Record<NodeJS.Signals, string>> = {
    SIGSEGV: ' (invalid memory access)',
    SIGABRT: ' (abort, often a failed assertion or a C++ exception)',
    SIGFPE: ' (arithmetic error, such as an integer division by zero)',
    SIGBUS: ' (bus error)',
  };
  return meaning[signal] ?? '';
}
