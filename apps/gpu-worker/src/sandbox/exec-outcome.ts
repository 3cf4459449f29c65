import type { BoxedExecResult } from './boxed-exec';
import { parseLauncherStatus } from './launcher-status';
import { RunAborted } from '../runner/run-aborted';
import { SandboxError } from './sandbox-error';
import type { SandboxExecResult } from './sandbox-spec';

/** The launcher's messages are short; keep the end, where the reason is. */
const DIAGNOSTIC_TAIL = 2000;

/**
 * What happened to the program, from the worker's view (time limit, output overflow, aborted by
 * the caller: no verdict at all) and the
 * launcher's report (exit status, signal, CPU and memory limits). The launcher's own exit status
 * is not used: it folds a signal into 128 + n, which a program could also exit with.
 */
export function execOutcome(raw: BoxedExecResult, signal?: AbortSignal, oomKills = 0): SandboxExecResult {
  if (raw.aborted) throw new RunAborted(signal?.reason ?? 'the box was stopped');
  const base = {
    stdout: raw.stdout,
    stderr: raw.stderr,
    outputTruncated: raw.outputTruncated,
    outputBytes: raw.outputBytes,
    outputLimitHit: raw.killedForOutput,
    timeMs: raw.timeMs,
  };
  const killed = { exitCode: null, signal: 'SIGKILL' as const, timedOut: false, memoryLimitHit: false, writeLimitHit: false };
  if (raw.timedOut) return { ...base, ...killed, timedOut: true };
  if (raw.killedForOutput) return { ...base, ...killed };
  const status = parseLauncherStatus(raw.status);
  // The box's memory ran out and the kernel ended the box before the launcher could report:
  // the program's doing (it is always the OOM killer's first choice), not the sandbox's.
  if (!status && oomKills > 0) return { ...base, ...killed, memoryLimitHit: true };
  if (!status) {
    const how = raw.signal ?? `status ${raw.exitCode}`;
    throw new SandboxError(`the sandbox did not run the program (the launcher ended with ${how}): ${raw.stderr.slice(-DIAGNOSTIC_TAIL)}`);
  }
  if (status.error) throw new SandboxError(`the sandbox launcher failed: ${status.error}`);
  return {
    ...base,
    exitCode: status.exitCode,
    signal: status.signal,
    // The CPU-time limit is a time limit too, reached sooner by a program that burns several cores.
    timedOut: status.cpuLimitHit,
    // The box's cgroup ran out of memory (shared, memfd and tmpfs pages, which no rlimit counts).
    memoryLimitHit: status.memoryLimitHit || (oomKills > 0 && (status.signal !== null || status.exitCode !== 0)),
    writeLimitHit: status.writeLimitHit,
  };
}
