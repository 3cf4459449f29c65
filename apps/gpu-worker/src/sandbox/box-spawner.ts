import { ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CappedBuffer } from './capped-buffer';
import { SandboxError } from './sandbox-error';

/**
 * Boxes one spawner is started with the pipes of: the worker forks itself once per this many
 * boxes instead of once per box.
 */
export const SLOTS_PER_SPAWNER = 16;
/** The launcher's stdout, stderr, status pipe and request pipe: its fds 1 to 4. */
const PIPES_PER_SLOT = 4;
/** The spawner's own complaint (a request it could not parse) is one line. */
const SPAWNER_STDERR_CAP = 4096;

export interface LauncherExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/** What the launcher is started with: its arguments and the cgroup join files it opens as fds 5, 6, ... */
export interface LauncherStart {
  args: string[];
  cgroupJoinFiles: string[];
}

/**
 * One launcher that a spawner started (or is starting): its pipes, its pid once the spawner has
 * said it, and its end. `exited` rejects when it could not be started, or when its spawner died
 * before it ended (the worker then kills its process group itself).
 */
export class SpawnedLauncher {
  pid: number | undefined;
  readonly exited: Promise<LauncherExit>;
  private settle!: { resolve: (exit: LauncherExit) => void; reject: (err: Error) => void };
  private done = false;
  private pipesReferenced = false;

  constructor(
    readonly stdout: Readable,
    readonly stderr: Readable,
    readonly status: Readable,
    readonly request: Writable,
    private readonly batch: SpawnerBatch,
    private readonly slot: number,
  ) {
    this.exited = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.exited.catch(() => undefined);
  }

  /** SIGKILL to the launcher's process group (the box's init in it), unless it has ended. */
  kill(): void {
    if (!this.done) this.batch.kill(this.slot);
  }

  /** Whether the spawner has said it ended (or could not start). */
  get ended(): boolean {
    return this.done;
  }

  /** Whether its pipes keep the worker's event loop alive (and with them its spawner's). */
  get referenced(): boolean {
    return this.pipesReferenced;
  }

  /** Sets whether this launcher's pipes (and its spawner's) keep the worker's event loop alive. */
  ref(on: boolean): void {
    if (on === this.pipesReferenced) return;
    this.pipesReferenced = on;
    for (const pipe of [this.stdout, this.stderr, this.status, this.request])
      (pipe as unknown as { ref?: () => void; unref?: () => void })[on ? 'ref' : 'unref']?.();
    this.batch.refreshReferences();
  }

  /** @internal the spawner's word on this launcher */
  end(outcome: LauncherExit | Error): void {
    if (this.done) return;
    this.done = true;
    if (this.pipesReferenced) this.ref(false);
    if (outcome instanceof Error) this.settle.reject(outcome);
    else this.settle.resolve(outcome);
  }
}

/**
 * Starts the box launchers for one sandbox through wb-box-spawner (sandbox/spawner/box-spawner.c),
 * a small process that forks them, instead of forking the worker for each: a fork copies the
 * forking process's page tables and the launcher's exec tears them down again, about 18 ms of CPU
 * for each box from a 190 MB worker, with the worker's event loop standing still meanwhile.
 */
export class BoxSpawner {
  private current: SpawnerBatch | null = null;

  constructor(
    private readonly spawnerPath: string,
    private readonly launcherPath: string,
  ) {}

  /** Starts a launcher; its pipes are there at once, its pid and end come from the spawner. */
  start(launch: LauncherStart): SpawnedLauncher {
    if ([...launch.args, ...launch.cgroupJoinFiles].some((f) => f.includes('\0')))
      throw new SandboxError('a launcher argument cannot carry a NUL byte');
    if (!this.current || this.current.full) {
      this.current?.finish();
      this.current = new SpawnerBatch(this.spawnerPath, this.launcherPath, SLOTS_PER_SPAWNER);
    }
    return this.current.start(launch);
  }

  /** Starts nothing more: each spawner leaves once the launchers it started have ended. */
  close(): void {
    this.current?.finish();
    this.current = null;
  }
}

/** One wb-box-spawner process and the launchers it starts, at most one per slot. */
class SpawnerBatch {
  private readonly child: ChildProcess;
  private readonly launchers: SpawnedLauncher[] = [];
  private readonly stderr = new CappedBuffer(SPAWNER_STDERR_CAP);
  private readonly requests: Writable;
  private readonly events: Readable;
  private dead = false;
  private finishing = false;

  constructor(
    spawnerPath: string,
    launcherPath: string,
    private readonly slots: number,
  ) {
    // Nothing of the worker's environment: the program's comes with its request.
    this.child = spawn(spawnerPath, [launcherPath, String(slots)], {
      cwd: '/',
      env: {},
      stdio: ['pipe', 'pipe', 'pipe', ...Array<'pipe'>(slots * PIPES_PER_SLOT).fill('pipe')],
    });
    this.requests = this.child.stdin!;
    this.events = this.child.stdout!;
    this.requests.on('error', () => undefined); // a spawner that died: its exit says so
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    this.child.on('error', (err) => this.die(`cannot start ${spawnerPath} (make -C apps/gpu-worker/sandbox): ${err.message}`));
    // Its events end when it does (the launchers do not hold them): after its last word is read,
    // unlike its exit, which may come before.
    createInterface({ input: this.events })
      .on('line', (line) => this.onEvent(line))
      .on('close', () => this.die('the box spawner ended'));
    this.setReferenced(false);
    // A slot's pipes keep the worker alive only while its launcher is in use (SpawnedLauncher.ref).
    for (const pipe of this.slotPipes(0, slots)) (pipe as unknown as { unref: () => void }).unref();
  }

  get full(): boolean {
    return this.dead || this.finishing || this.launchers.length >= this.slots;
  }

  /** Nothing more to start: the spawner leaves once its launchers have ended. */
  finish(): void {
    this.finishing = true;
    if (!this.anyLive()) this.requests.end();
  }

  start(launch: LauncherStart): SpawnedLauncher {
    const slot = this.launchers.length;
    const [stdout, stderr, status, request] = this.slotPipes(slot, slot + 1);
    const launcher = new SpawnedLauncher(stdout as Readable, stderr as Readable, status as Readable, request as Writable, this, slot);
    this.launchers.push(launcher);
    launcher.ref(true);
    if (this.dead) launcher.end(new SandboxError(`the box spawner is gone${this.diagnosis()}`));
    else
      this.send([
        'start',
        String(slot),
        String(launch.args.length),
        String(launch.cgroupJoinFiles.length),
        ...launch.args,
        ...launch.cgroupJoinFiles,
      ]);
    return launcher;
  }

  kill(slot: number): void {
    if (!this.dead) this.send(['kill', String(slot)]);
  }

  /** @internal a launcher's pipes were referenced or not: the spawner's are while any launcher's are */
  refreshReferences(): void {
    this.setReferenced(this.launchers.some((l) => l.referenced));
  }

  /** The worker's ends of the pipes of slots [from, to). */
  private slotPipes(from: number, to: number): (Readable | Writable)[] {
    return this.child.stdio.slice(3 + from * PIPES_PER_SLOT, 3 + to * PIPES_PER_SLOT) as (Readable | Writable)[];
  }

  private send(fields: string[]): void {
    this.requests.write(fields.map((f) => `${f}\0`).join(''));
  }

  private onEvent(line: string): void {
    const [kind, slotText, a, b] = line.split(' ');
    const launcher = this.launchers[Number(slotText)];
    if (!launcher) return;
    if (kind === 'started') launcher.pid = Number(a);
    else if (kind === 'failed') this.ended(launcher, new SandboxError(`cannot start the box launcher: errno ${a}`));
    else if (kind === 'exited')
      this.ended(launcher, { exitCode: Number(a) >= 0 ? Number(a) : null, signal: Number(b) > 0 ? signalName(Number(b)) : null });
  }

  private ended(launcher: SpawnedLauncher, outcome: LauncherExit | Error): void {
    launcher.end(outcome);
    // Every slot handed out (or no more wanted) and every launcher ended: the spawner leaves.
    if ((this.finishing || this.launchers.length === this.slots) && !this.anyLive()) this.requests.end();
  }

  private anyLive(): boolean {
    return this.launchers.some((l) => !l.ended);
  }

  /**
   * The spawner is gone: launchers it had not reported ended are killed by their process group
   * from here (nobody else may reap them now), and their runs fail as the sandbox's fault.
   */
  private die(why: string): void {
    if (this.dead) return;
    this.dead = true;
    const error = new SandboxError(`${why}${this.diagnosis()}`);
    for (const launcher of this.launchers) {
      if (launcher.ended) continue;
      if (launcher.pid !== undefined)
        try {
          process.kill(-launcher.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      launcher.end(error);
    }
    for (const pipe of this.slotPipes(this.launchers.length, this.slots)) pipe.destroy();
    this.setReferenced(false);
  }

  /** What the spawner said on its way out, if anything. */
  private diagnosis(): string {
    const said = this.stderr.text().trim();
    return said ? `: ${said}` : '';
  }

  private setReferenced(on: boolean): void {
    for (const handle of [this.child, this.requests, this.events, this.child.stderr] as unknown as {
      ref?: () => void;
      unref?: () => void;
    }[])
      handle[on ? 'ref' : 'unref']?.();
  }
}

function signalName(signal: number): NodeJS.Signals | null {
  return (Object.entries(constants.signals).find(([, n]) => n === signal)?.[0] as NodeJS.Signals | undefined) ?? null;
}
