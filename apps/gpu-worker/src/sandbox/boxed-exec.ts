import { ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ExecResult, ExecSpec } from '../runner/exec-types';
import { CappedBuffer } from './capped-buffer';
import { REQUEST_FD, STATUS_FD } from './box-command';
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
 * One box, started before its run is known: the launcher in a process group of its own, with a
 * pipe for its status and one for the rest of its command line (box-command.ts). The group
 * holds the launcher outside the box and the box's pid 1 (the supervisor): the end of a PID
 * namespace's init ends every process in it, including any that left the group or called
 * setsid, and the box's pid 1 also dies with the launcher outside. So killing the group at the
 * time limit, on output past the limit or when the caller aborts ends the whole box.
 */
export class StartedBox {
  private readonly child: ChildProcess;
  // The launcher's own words before the run (a box that could not be made) are kept too.
  private readonly stdout = new CappedBuffer(STATUS_CAP);
  private readonly stderr = new CappedBuffer(STATUS_CAP);
  private readonly status = new CappedBuffer(STATUS_CAP);
  private readonly pipes: (Readable | Writable)[];
  private readonly request: Writable;
  private readonly ended: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
  private outputLimitBytes?: number;
  private killedForOutput = false;
  private exited = false;
  private taken = false;

  private constructor(file: string, args: string[], handedFds: number[]) {
    // Nothing of the worker's environment: the program's comes with the request.
    this.child = spawn(file, args, { cwd: '/', env: {}, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', ...handedFds] });
    const [out, err, status, request] = [1, 2, STATUS_FD, REQUEST_FD].map((fd) => this.child.stdio[fd]!);
    this.request = request as Writable;
    this.pipes = [out, err, status, request] as (Readable | Writable)[];
    // A box that died before its request was written: its outcome says so, not an EPIPE.
    this.request.on('error', () => undefined);
    (out as Readable).on('data', (chunk: Buffer) => this.collect(this.stdout, chunk));
    (err as Readable).on('data', (chunk: Buffer) => this.collect(this.stderr, chunk));
    (status as Readable).on('data', (chunk: Buffer) => this.status.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('exit', () => {
        this.exited = true;
        this.kill();
        setTimeout(() => this.pipes.forEach((p) => p.destroy()), PIPE_DRAIN_MS).unref();
      });
      this.child.on('close', (exitCode, signal) => resolve({ exitCode, signal }));
    });
    this.ended.catch(() => undefined);
  }

  /** Spawns the launcher; `handedFds` become its fds from FIRST_CGROUP_FD on. */
  static start(launch: { file: string; args: string[] }, handedFds: number[]): StartedBox {
    return new StartedBox(launch.file, launch.args, handedFds);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it still waits for its request. */
  get ready(): boolean {
    return !this.exited && !this.taken;
  }

  /** While it waits, it does not keep the worker's event loop alive. */
  idle(): void {
    this.child.unref();
    for (const pipe of this.pipes) (pipe as unknown as { unref?: () => void }).unref?.();
  }

  /** Ends a box no run took (an empty request, and the launcher leaves); resolves once it has. */
  async discard(): Promise<void> {
    this.taken = true;
    this.request.end();
    const leaving = setTimeout(() => this.kill(), PIPE_DRAIN_MS);
    await this.ended.catch(() => undefined);
    clearTimeout(leaving);
  }

  /** Gives the box its run and waits for the launcher's end. */
  async run(request: string[], spec: BoxRunSpec): Promise<BoxedExecResult> {
    if (this.taken) throw new SandboxError('a box runs one request only');
    this.taken = true;
    if (request.some((arg) => arg.includes('\0'))) throw new SandboxError('a box request cannot carry a NUL byte');
    this.child.ref();
    for (const pipe of this.pipes) (pipe as unknown as { ref?: () => void }).ref?.();
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
    this.request.end(request.map((arg) => `${arg}\0`).join(''));
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
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      /* the group is already gone */
    }
  }
}
