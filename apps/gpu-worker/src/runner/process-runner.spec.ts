import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execCapped, ExecSpec } from './process-runner';

const spec = (script: string, overrides: Partial<ExecSpec> = {}): ExecSpec => ({
  command: '/bin/sh',
  args: ['-c', script],
  cwd: tmpdir(),
  env: { PATH: '/usr/bin:/bin' },
  timeoutMs: 5_000,
  outputCapBytes: 1024,
  ...overrides,
});

/** A killed process whose parent is gone stays a zombie until PID 1 reaps it: that is dead too. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

describe('execCapped', () => {
  it('returns the exit status and output', async () => {
    const result = await execCapped(spec('echo out; echo err >&2; exit 3'));
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, stdout: 'out\n', stderr: 'err\n', outputTruncated: false });
  });

  it('kills the whole process group at the time limit, children included', async () => {
    const result = await execCapped(spec('sleep 30 & echo $!; wait', { timeoutMs: 300 }));
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.timeMs).toBeLessThan(2_000);
    const child = Number(result.stdout.trim());
    expect(child).toBeGreaterThan(0);
    expect(alive(child)).toBe(false);
  });

  it('kills what a program leaves behind in its group after it exits', async () => {
    const result = await execCapped(spec('sleep 30 >/dev/null 2>&1 & echo $!'));
    expect(result.exitCode).toBe(0);
    const orphan = Number(result.stdout.trim());
    await new Promise((r) => setTimeout(r, 50));
    expect(alive(orphan)).toBe(false);
  });

  it('caps output while streaming and says so', async () => {
    const result = await execCapped(spec('head -c 1000000 /dev/zero | tr "\\0" x'));
    expect(result.stdout.length).toBe(1024);
    expect(result.outputTruncated).toBe(true);
  });

  it('rejects when the command does not exist', async () => {
    await expect(execCapped(spec('', { command: '/nonexistent/compiler' }))).rejects.toThrow(/ENOENT/);
  });
});
