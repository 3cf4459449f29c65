import type { BoxedExecResult } from './boxed-exec';
import { execOutcome } from './exec-outcome';
import { RunAborted } from '../runner/run-aborted';
import { SandboxError } from './sandbox-error';

const raw = (change: Partial<BoxedExecResult>): BoxedExecResult => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: 'out',
  stderr: '',
  outputTruncated: false,
  outputBytes: 3,
  killedForOutput: false,
  aborted: false,
  status: '{"exitCode":0,"signal":null,"memoryLimitHit":false,"cpuLimitHit":false,"maxRssKb":1,"cpuMs":1,"error":null}',
  timeMs: 12,
  ...change,
});

describe('execOutcome', () => {
  it("takes the program's exit from the launcher's report, not the launcher's own exit status", () => {
    const status = '{"exitCode":null,"signal":31,"memoryLimitHit":false,"cpuLimitHit":false,"error":null}';
    expect(execOutcome(raw({ exitCode: 159, status }))).toMatchObject({ exitCode: null, signal: 'SIGSYS', timedOut: false, stdout: 'out' });
  });

  it('is a timeout at the wall clock or the CPU limit', () => {
    expect(execOutcome(raw({ timedOut: true, status: '' }))).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    const cpu = '{"exitCode":null,"signal":24,"memoryLimitHit":false,"cpuLimitHit":true,"error":null}';
    expect(execOutcome(raw({ status: cpu }))).toMatchObject({ timedOut: true, signal: 'SIGXCPU' });
  });

  it('reports an output flood as the output limit, with what was written in all', () => {
    expect(execOutcome(raw({ killedForOutput: true, outputTruncated: true, outputBytes: 1 << 24, status: '' }))).toMatchObject({
      outputTruncated: true,
      outputLimitHit: true,
      outputBytes: 1 << 24,
      timedOut: false,
    });
  });

  it('is no verdict at all when the caller stopped the box', () => {
    const controller = new AbortController();
    controller.abort('cancelled');
    expect(() => execOutcome(raw({ aborted: true, status: '' }), controller.signal)).toThrow(RunAborted);
  });

  it('passes the memory limit on', () => {
    const status = '{"exitCode":null,"signal":11,"memoryLimitHit":true,"cpuLimitHit":false,"error":null}';
    expect(execOutcome(raw({ status }))).toMatchObject({ signal: 'SIGSEGV', memoryLimitHit: true });
  });

  it("is the memory limit when the box's cgroup OOM-killed the program, whatever signal it saw", () => {
    const killed = '{"exitCode":null,"signal":9,"memoryLimitHit":false,"cpuLimitHit":false,"error":null}';
    expect(execOutcome(raw({ status: killed }), undefined, 1)).toMatchObject({ signal: 'SIGKILL', memoryLimitHit: true });
    // A program that still exited cleanly handled its failed allocations: no verdict.
    expect(execOutcome(raw({}), undefined, 1)).toMatchObject({ exitCode: 0, memoryLimitHit: false });
    // No report at all, but the box ran out of memory: the program's doing, not the sandbox's.
    expect(execOutcome(raw({ exitCode: null, signal: 'SIGKILL', status: '' }), undefined, 2)).toMatchObject({ memoryLimitHit: true });
  });

  it('passes on a full writable space', () => {
    const full = '{"exitCode":0,"signal":null,"memoryLimitHit":false,"cpuLimitHit":false,"writeLimitHit":true,"error":null}';
    expect(execOutcome(raw({ status: full }))).toMatchObject({ exitCode: 0, writeLimitHit: true });
  });

  it('throws when the sandbox itself failed, with its reason', () => {
    expect(() => execOutcome(raw({ exitCode: 125, status: '', stderr: 'wb-sandbox: --profile is required' }))).toThrow(SandboxError);
    expect(() => execOutcome(raw({ exitCode: 125, status: '', stderr: 'wb-sandbox: --profile is required' }))).toThrow(
      /--profile is required/,
    );
    const failed = '{"exitCode":0,"signal":null,"memoryLimitHit":false,"cpuLimitHit":false,"error":"setresuid: Operation not permitted"}';
    expect(() => execOutcome(raw({ status: failed }))).toThrow(/setresuid/);
  });
});
