import type { Readable, Writable } from 'node:stream';
import type { ExecResult, ExecSpec } from '../runner/exec-types';
import type { BoxSpawner, LauncherExit, LauncherStart, SpawnedLauncher } from './box-spawner';
import { CappedBuffer } from './capped-buffer';
import { SandboxError } from './sandbox-error';

/** How long output may keep arriving after the launcher exited. */
const PIPE_DRAIN_MS = 200;
/** The launcher's status line is about 150 bytes; anything longer is not one. */
const STATUS_CAP = 4096;

/** The bounds of one run, as an {@link ExecSpec} gives them; an aborted signal makes the result say `aborted`. */
export type BoxRunSpec = Pick<ExecSpec, 'timeoutMs' | 'outputCapBytes' | 'outputLimitBytes' | 'signal'>;

/** What the launcher's run gives back: the caught output as an {@link ExecResult} has it, and the launcher's own view. */
export interface BoxedExecResult extends Pick<ExecResult, 'signal' | 'timedOut' | 'stdout' | 'stderr' | 'outputTruncated' | 'outputBytes'> {
  /** The launcher's own exit; the program's is in `status`. */
  exitCode: number | null;
  /** Whether the box was stopped because its output passed the limit. */
  killedForOutput: boolean;
  /** Whether the box was stopped because the caller's signal was aborted. */
  aborted: boolean;
  /** What the launcher wrote on the status pipe ('' when it could not). */
  status: string;
  /** From the request to the launcher's end. */
  timeMs: number;
}

/**
 * One box, started before its run is known: the launcher (started by the worker's box spawner)
 * in a process group of its own, with a pipe for its status and one for the rest of its command
 * line (box-command.ts). The group holds the launcher outside the box and the box's pid 1 (the
 * supervisor): the end of a PID namespace's init ends every process in it, including any that
 * left the group or called setsid, and the box's pid 1 also dies with the launcher outside. So
 * killing the group at the time limit, on output past the limit or when the caller aborts ends
 * the whole box.
 */
export class StartedBox {
  // The launcher's own words before the run (a box that could not be made) are kept too.
  private readonly stdout = new CappedBuffer(STATUS_CAP);
  private readonly stderr = new CappedBuffer(STATUS_CAP);
  private readonly status = new CappedBuffer(STATUS_CAP);
  private readonly pipes: (Readable | Writable)[];
  private readonly ended: Promise<LauncherExit>;
  private outputLimitBytes?: number;
  private killedForOutput = false;
  private exited = false;
  private taken = false;

  private constructor(private readonly launcher: SpawnedLauncher) {
    const { stdout: out, stderr: err, status, request } = launcher;
    this.pipes = [out, err, status, request];
    // A box that died before its request was written: its outcome says so, not an EPIPE.
    request.on('error', () => undefined);
    out.on('data', (chunk: Buffer) => this.collect(this.stdout, chunk));
    err.on('data', (chunk: Buffer) => this.collect(this.stderr, chunk));
    status.on('data', (chunk: Buffer) => this.status.push(chunk));
    this.ended = launcher.exited.then(async (exit) => {
      this.exited = true;
      // Output still in the pipes is read; a process that kept a copy of one does not hold the run.
      setTimeout(() => this.pipes.forEach((p) => p.destroy()), PIPE_DRAIN_MS).unref();
      await Promise.all(
        [out, err, status].map((pipe) => new Promise((closed) => (pipe.closed ? closed(null) : pipe.once('close', closed)))),
      );
      return exit;
    });
    this.ended.catch(() => {
      this.exited = true;
      this.pipes.forEach((p) => p.destroy());
    });
  }

  /** Starts the launcher through the spawner. */
  static start(spawner: BoxSpawner, launch: LauncherStart): StartedBox {
    return new StartedBox(spawner.start(launch));
  }

  get pid(): number | undefined {
    return this.launcher.pid;
  }

  /** Whether it still waits for its request. */
  get ready(): boolean {
    return !this.exited && !this.taken;
  }

  /** While it waits, it does not keep the worker's event loop alive. */
  idle(): void {
    this.launcher.ref(false);
  }

  /** Ends a box no run took (an empty request, and the launcher leaves); resolves once it has. */
  async discard(): Promise<void> {
    this.taken = true;
    this.launcher.request.end();
    const leaving = setTimeout(() => this.kill(), PIPE_DRAIN_MS);
    await this.ended.catch(() => undefined);
    clearTimeout(leaving);
  }

  /** Gives the box its run and waits for the launcher's end. */
  async run(request: string[], spec: BoxRunSpec): Promise<BoxedExecResult> {
    if (this.taken) throw new SandboxError('a box runs one request only');
    this.taken = true;
    if (request.some((arg) => arg.includes('\0'))) throw new SandboxError('a box request cannot carry a NUL byte');
    this.launcher.ref(true);
    this.stdout.setCap(spec.outputCapBytes);
    this.stderr.setCap(spec.outputCapBytes);
    this.outputLimitBytes = spec.outputLimitBytes;
    const started = process.hrtime.bigint();
    let timedOut = false;
    let aborted = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.kill();
    }, spec.timeoutMs);
    const abort = () => {
      aborted = true;
      this.kill();
    };
    if (spec.signal?.aborted) abort();
    else spec.signal?.addEventListener('abort', abort, { once: true });
    this.launcher.request.end(request.map((arg) => `${arg}\0`).join(''));
    try {
      const { exitCode, signal } = await this.ended;
      return {
        exitCode,
        signal,
        timedOut,
        stdout: this.stdout.text(),
        stderr: this.stderr.text(),
        outputTruncated: this.stdout.overflowed || this.stderr.overflowed,
        outputBytes: this.stdout.total + this.stderr.total,
        killedForOutput: this.killedForOutput,
        aborted,
        status: this.status.overflowed ? '' : this.status.text(),
        timeMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', abort);
    }
  }

  private collect(buffer: CappedBuffer, chunk: Buffer): void {
    buffer.push(chunk);
    const limit = this.outputLimitBytes;
    if (limit !== undefined && this.stdout.total + this.stderr.total > limit && !this.killedForOutput) {
      this.killedForOutput = true;
      this.kill();
    }
  }

  private kill(): void {
    this.launcher.kill();
  }
}
