import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CappedBuffer } from './capped-buffer';
import { STATUS_FD } from './box-command';

/** How long output may keep arriving after the launcher exited. */
const PIPE_DRAIN_MS = 200;
/** The launcher's status line is about 150 bytes; anything longer is not one. */
const STATUS_CAP = 4096;

export interface BoxedExecSpec {
  file: string;
  args: string[];
  /** The box's whole environment: nothing of the worker's reaches it. */
  env: Record<string, string>;
  timeoutMs: number;
  outputCapBytes: number;
  /** Stop the box as soon as stdout and stderr together pass this many bytes (runs); unset: only count. */
  outputLimitBytes?: number;
  /** Kills the box at once; the result then says `aborted`. */
  signal?: AbortSignal;
  /** Open fds of the worker's that the launcher gets from fd 4 on (box-command.ts, BoxFds). */
  handedFds?: number[];
}

export interface BoxedExecResult {
  /** The launcher's own exit; the program's is in `status`. */
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
 * Spawns the launcher in a process group of its own with a third pipe for its status, and kills
 * the group at the time limit, on output past the limit (when one is set) and when the caller's
 * signal is aborted. The group holds the launcher outside the box and the box's pid 1 (the
 * supervisor): the end of a PID namespace's init ends every process in it, including any that
 * left the group or called setsid, and the box's pid 1 also dies with the launcher outside.
 */
export function boxedExec(spec: BoxedExecSpec): Promise<BoxedExecResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(spec.file, spec.args, {
      cwd: '/',
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', ...(spec.handedFds ?? [])],
    });
    const stdout = new CappedBuffer(spec.outputCapBytes);
    const stderr = new CappedBuffer(spec.outputCapBytes);
    const status = new CappedBuffer(STATUS_CAP);
    const [out, err, statusPipe] = [child.stdout!, child.stderr!, child.stdio[STATUS_FD] as Readable];

    let timedOut = false;
    let killedForOutput = false;
    let aborted = false;
    const killGroup = () => {
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
      killGroup();
      setTimeout(() => {
        out.destroy();
        err.destroy();
        statusPipe.destroy();
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
