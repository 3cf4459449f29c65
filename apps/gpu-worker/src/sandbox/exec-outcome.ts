import type { BoxedExecResult } from './boxed-exec';
import { parseLauncherStatus } from './launcher-status';
import { RunAborted } from '../runner/run-aborted';
import { SandboxError } from './sandbox-error';
import type { SandboxExecResult } from './sandbox-spec';

/** bubblewrap's messages are short; keep the end, where the reason is. */
const DIAGNOSTIC_TAIL = 2000;

/**
 * What happened to the program, from the worker's view (time limit, output overflow, aborted by
 * the caller: no verdict at all) and the
 * launcher's report (exit status, signal, CPU and memory limits). bubblewrap's own exit status
 * is not used: it folds a signal into 128 + n, which a program could also exit with.
 */
export function execOutcome(raw: BoxedExecResult, signal?: AbortSignal): SandboxExecResult {
  if (raw.aborted) throw new RunAborted(signal?.reason ?? 'the box was stopped');
  const base = {
    stdout: raw.stdout,
    stderr: raw.stderr,
    outputTruncated: raw.outputTruncated,
    outputBytes: raw.outputBytes,
    outputLimitHit: raw.killedForOutput,
    timeMs: raw.timeMs,
  };
  if (raw.timedOut) return { ...base, exitCode: null, signal: 'SIGKILL', timedOut: true, memoryLimitHit: false };
  if (raw.killedForOutput) return { ...base, exitCode: null, signal: 'SIGKILL', timedOut: false, memoryLimitHit: false };
  const status = parseLauncherStatus(raw.status);
  if (!status) {
    const how = raw.signal ?? `status ${raw.exitCode}`;
    throw new SandboxError(`the sandbox did not run the program (bubblewrap ended with ${how}): ${raw.stderr.slice(-DIAGNOSTIC_TAIL)}`);
  }
  if (status.error) throw new SandboxError(`the sandbox launcher failed: ${status.error}`);
  return {
    ...base,
    exitCode: status.exitCode,
    signal: status.signal,
    // The CPU-time limit is a time limit too, reached sooner by a program that burns several cores.
    timedOut: status.cpuLimitHit,
    memoryLimitHit: status.memoryLimitHit,
  };
}
