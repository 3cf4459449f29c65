import { spawn } from 'node:child_process';

/** How long output may keep arriving after the process exited. */
const PIPE_DRAIN_MS = 200;

export interface ExecSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout and stderr are each kept up to this many bytes; the rest is counted, not stored. */
  outputCapBytes: number;
}

export interface ExecResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Whether stdout or stderr went over the cap. */
  outputTruncated: boolean;
  timeMs: number;
}

/**
 * Runs a command in a process group of its own and, on timeout, kills the whole group, so a
 * program's children die with it. Output is capped while it streams, never buffered whole.
 */
export function execCapped(spec: ExecSpec): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = new CappedBuffer(spec.outputCapBytes);
    const stderr = new CappedBuffer(spec.outputCapBytes);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    let timedOut = false;
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* the group is already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, spec.timeoutMs);

    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', () => {
      killGroup(); // whatever the program left running in its group goes too
      // A process that escaped the group (setsid) may still hold the pipes open: stop waiting.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_DRAIN_MS).unref();
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        outputTruncated: stdout.overflowed || stderr.overflowed,
        timeMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
  });
}

class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (chunk.length > room) this.overflowed = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
