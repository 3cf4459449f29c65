import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CappedBuffer } from './capped-buffer';
import { INFO_FD, STATUS_FD } from './box-command';

/** How long output may keep arriving after bubblewrap exited. */
const PIPE_DRAIN_MS = 200;
/** The launcher's status line is about 150 bytes; anything longer is not one. */
const STATUS_CAP = 4096;

export interface BoxedExecSpec {
  file: string;
  args: string[];
  timeoutMs: number;
  outputCapBytes: number;
  /** Stop the box as soon as stdout and stderr together pass this many bytes (runs); unset: only count. */
  outputLimitBytes?: number;
  /** Kills the box at once; the result then says `aborted`. */
  signal?: AbortSignal;
  /** Open fds of the worker's that bubblewrap (and so the launcher) gets from fd 5 on (box-command.ts, BoxFds). */
  handedFds?: number[];
}

export interface BoxedExecResult {
  /** bubblewrap's own exit; the program's is in `status`. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** stdout and stderr together, kept or not. */
  outputBytes: number;
  /** Whether the box was stopped because its output passed the limit. */
  killedForOutput: boolean;
  /** Whether the box was stopped because the caller's signal was aborted. */
  aborted: boolean;
  /** What the launcher wrote on the status pipe ('' when it could not). */
  status: string;
  timeMs: number;
}

/**
 * Spawns bubblewrap in a process group of its own with a third pipe for the launcher's status,
 * and kills the group at the time limit, on output past the limit (when one is set) and when the
 * caller's signal is aborted. Killing
 * bubblewrap is enough to end the box: --die-with-parent kills its init, and the end of a PID
 * namespace's init kills every process in it, including any that called setsid.
 */
export function boxedExec(spec: BoxedExecSpec): Promise<BoxedExecResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // bubblewrap itself gets no variables from the worker either (its init's environ is
    // readable in the box when both run as one uid).
    const child = spawn(spec.file, spec.args, {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', ...(spec.handedFds ?? [])],
    });
    const stdout = new CappedBuffer(spec.outputCapBytes);
    const stderr = new CappedBuffer(spec.outputCapBytes);
    const status = new CappedBuffer(STATUS_CAP);
    const [out, err, statusPipe, infoPipe] = [
      child.stdout!,
      child.stderr!,
      child.stdio[STATUS_FD] as Readable,
      child.stdio[INFO_FD] as Readable,
    ];
    const info = new CappedBuffer(STATUS_CAP);
    infoPipe.on('data', (chunk: Buffer) => info.push(chunk));
    let bwrapExited = false;
    /** The box's pid 1 (the launcher), in the worker's pid namespace, once bubblewrap said it. */
    const boxInit = (): number | null => {
      const pid = Number(/"child-pid"\s*:\s*(\d+)/.exec(info.text())?.[1]);
      return Number.isInteger(pid) && pid > 1 ? pid : null;
    };

    let timedOut = false;
    let killedForOutput = false;
    let aborted = false;
    const killGroup = () => {
      // The box's init first, while bubblewrap (its parent) has not reaped it, so the pid is
      // still the box's: killing it ends every process of the box's pid namespace. It is in a
      // session of its own, out of the group below.
      const init = bwrapExited ? null : boxInit();
      if (init)
        try {
          process.kill(init, 'SIGKILL');
        } catch {
          /* it has ended */
        }
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* the group is already gone */
      }
    };
    const collect = (buffer: CappedBuffer) => (chunk: Buffer) => {
      buffer.push(chunk);
      const limit = spec.outputLimitBytes;
      if (limit !== undefined && stdout.total + stderr.total > limit && !killedForOutput) {
        killedForOutput = true;
        killGroup();
      }
    };
    out.on('data', collect(stdout));
    err.on('data', collect(stderr));
    statusPipe.on('data', (chunk: Buffer) => status.push(chunk));

    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, spec.timeoutMs);
    const abort = () => {
      aborted = true;
      killGroup();
    };
    if (spec.signal?.aborted) abort();
    else spec.signal?.addEventListener('abort', abort, { once: true });

    child.on('error', (err) => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', abort);
      reject(err);
    });
    child.on('exit', () => {
      bwrapExited = true;
      killGroup();
      setTimeout(() => {
        out.destroy();
        err.destroy();
        statusPipe.destroy();
        infoPipe.destroy();
      }, PIPE_DRAIN_MS).unref();
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', abort);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        outputTruncated: stdout.overflowed || stderr.overflowed,
        outputBytes: stdout.total + stderr.total,
        killedForOutput,
        aborted,
        status: status.overflowed ? '' : status.text(),
        timeMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
  });
}
