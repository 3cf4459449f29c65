import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { SandboxProfile } from '@wb/common';
import { execFile } from 'node:child_process';
import { accessSync, constants, lstatSync, mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecResult } from '../runner/exec-types';
import { throwIfAborted } from '../runner/run-aborted';
import { Sandbox } from '../runner/sandbox';
import { boxLaunch, BoxRequest, boxRequest } from './box-command';
import { handOver, handOverBinary } from './box-ownership';
import { StartedBox } from './boxed-exec';
import { BoxSpawner } from './box-spawner';
import { DEV_SHM_MB } from './box-layout';
import type { BoxLimits, BoxSandboxOptions } from './box-sandbox-options';
import type { BoxResources } from './cgroups/box-cgroup';
import { BoxCgroups } from './cgroups/box-cgroups';
import { execOutcome } from './exec-outcome';
import { libwbInputs } from './libwb-inputs';
import { SandboxError } from './sandbox-error';
import { SandboxIds } from './sandbox-ids';
import type { SandboxExecResult, SandboxExecSpec } from './sandbox-spec';
import { toolchainRoot } from './toolchain-root';
import { disposeBox, MadeBox, WarmBoxes } from './warm-boxes';

const run = promisify(execFile);
const MIB = 1024 * 1024;
/** What the launcher itself (the box's init and the program's supervisor) may need. */
const LAUNCHER_MB = 8;

/**
 * Compiles and runs student programs in boxes the wb-sandbox launcher makes: namespaces of their
 * own, no network and only the system toolchain read-only, an unprivileged uid, rlimits, a
 * cgroup, and for runs a seccomp whitelist per toolchain. See apps/gpu-worker/sandbox/README.md.
 */
export class BoxSandbox extends Sandbox implements OnModuleInit, OnModuleDestroy {
  readonly description: string;
  /** The ids boxes run as, one box per id at a time; null: the worker's own uid (not root). */
  readonly ids: SandboxIds | null;
  private readonly logger = new Logger(BoxSandbox.name);
  private boxRootMade = false;
  private readonly warm: WarmBoxes | null;
  private readonly spawner: BoxSpawner;

  constructor(
    private readonly options: BoxSandboxOptions,
    private readonly cgroups: BoxCgroups = BoxCgroups.detect(),
  ) {
    super();
    this.spawner = new BoxSpawner(options.spawnerPath, options.launcherPath);
    const madeAhead = Object.entries(options.boxesAhead).filter(([, n]) => n > 0);
    const ahead = (profile: SandboxProfile) => options.boxesAhead[profile] ?? 0;
    this.warm = madeAhead.length ? new WarmBoxes((profile) => this.makeBox(profile), ahead) : null;
    // Only root can give the program a uid of its own; otherwise the box's user namespace runs
    // it as the worker's uid (README.md, "Identity").
    const { first, count } = options.sandboxIds;
    this.ids = process.getuid?.() === 0 ? new SandboxIds(first, count) : null;
    const who = this.ids ? `uids ${first}-${first + count - 1}, one per box` : 'the worker uid in a user namespace';
    const boxesAhead = madeAhead.length ? `, boxes made ahead (${madeAhead.map(([p, n]) => `${p} ${n}`).join(', ')})` : '';
    this.description =
      `namespaces + seccomp whitelist (profile ${options.defaultProfile} unless the lab's toolchain says otherwise), as ${who}${boxesAhead}; ` +
      `limits: ${cgroups.description}`;
  }

  get programsHaveOwnUid(): boolean {
    return this.ids !== null;
  }

  /** Fails the worker's start, not its first job, when the box cannot be built here. */
  async onModuleInit(): Promise<void> {
    await this.verify();
  }

  /** Ends the boxes made ahead; the box spawner leaves once the boxes it started have ended. */
  async onModuleDestroy(): Promise<void> {
    await this.warm?.close();
    this.spawner.close();
  }

  /** The launchers of boxes made ahead, waiting for a run: the sandbox's own, not a run's leftovers. */
  waitingBoxPids(): number[] {
    return this.warm?.waitingPids() ?? [];
  }

  async verify(): Promise<void> {
    this.refuseUnsafeMode();
    this.cgroups.sweepStale();
    try {
      accessSync(this.options.spawnerPath, constants.X_OK);
    } catch (err) {
      throw new SandboxError(`cannot run ${this.options.spawnerPath} (make -C apps/gpu-worker/sandbox): ${(err as Error).message}`);
    }
    let version: string;
    try {
      version = (await run(this.options.launcherPath, ['--version'], { timeout: 5_000 })).stdout;
    } catch (err) {
      throw new SandboxError(`cannot run ${this.options.launcherPath} (make -C apps/gpu-worker/sandbox): ${(err as Error).message}`);
    }
    if (!/seccomp=libseccomp/.test(version))
      throw new SandboxError(
        `${this.options.launcherPath} was built without libseccomp (${version.trim()}): install libseccomp-dev and rebuild`,
      );
    this.makeBoxRoot();
    // The folder handed to the sandbox uid is one level down: nothing in the shared /tmp
    // itself ever belongs to that uid.
    const dir = await mkdtemp(join(tmpdir(), 'wb-sandbox-probe-'));
    try {
      const cwd = join(dir, 'box');
      await mkdir(cwd, { mode: 0o700 });
      const probe = await this.compile({ command: '/bin/true', args: [], cwd, env: {}, timeoutMs: 10_000, outputCapBytes: 4096 });
      if (probe.exitCode !== 0) throw new SandboxError(`the box fails here: ${probe.stderr.trim() || `status ${probe.exitCode}`}`);
    } catch (err) {
      throw err instanceof SandboxError ? new SandboxError(`the launcher cannot build the box here: ${err.message}`) : err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * The folder each box mounts its root on (in its own mount namespace): the worker's, and a
   * folder. Made once, before the first box.
   */
  private makeBoxRoot(): void {
    if (this.boxRootMade) return;
    const path = this.options.boxRoot;
    mkdirSync(path, { recursive: true, mode: 0o755 });
    const info = lstatSync(path);
    if (!info.isDirectory() || info.uid !== process.getuid?.())
      throw new SandboxError(`${path} must be a folder of the worker's own, to mount each box's root on`);
    this.boxRootMade = true;
  }

  /**
   * Without cgroups, only rlimits bound a box. That holds for a root worker's cpu and opencl
   * boxes (each box its own uid for RLIMIT_NPROC, RLIMIT_AS for every mapping, memfd refused),
   * but not under a worker that is not root (every box shares its uid, so one box's threads
   * starve the others) nor for cuda (RLIMIT_DATA does not count shared memory).
   */
  private refuseUnsafeMode(): void {
    if (this.cgroups.available) return;
    const help = 'delegate a cgroup to the worker (deploy/README.md, "The sandbox")';
    if (!this.ids)
      throw new SandboxError(
        `the worker is not root and has no cgroup to limit its boxes in (${this.cgroups.description}): every box would share ` +
          `its uid's process limit and nothing would bound their shared memory; ${help} or run it as root`,
      );
    if (this.options.profiles.includes('cuda'))
      throw new SandboxError(
        `a worker serving CUDA needs cgroups (${this.cgroups.description}): RLIMIT_DATA does not count shared memory, so ` +
          `nothing else would hold a program to its memory limit; ${help}`,
      );
  }

  compile(spec: SandboxExecSpec): Promise<ExecResult> {
    return this.inBox({
      profile: 'compile',
      spec,
      limits: this.options.compile,
      readOnly: [this.options.libwbPath, ...optional(toolchainRoot(spec.command, spec.env.PATH)), ...(spec.readOnlyPaths ?? [])],
      readWrite: [spec.cwd],
      allowExec: [],
      scratchMb: 0,
    });
  }

  run(spec: SandboxExecSpec): Promise<ExecResult> {
    const profile = spec.profile ?? this.options.defaultProfile;
    const limits = this.options.run[profile];
    return this.inBox({
      profile,
      spec,
      limits,
      readOnly: [spec.program ?? spec.command, ...(spec.readOnlyPaths ?? libwbInputs(spec.args))],
      // The program's folder is a tmpfs of its own in the box (capped in bytes and files); what
      // it leaves there is copied back into the host folder when it ends.
      readWrite: [],
      scratchMb: Math.max(1, Math.ceil((spec.writableBytes ?? limits.fileSizeMb * MIB) / MIB)),
      allowExec: [...(this.options.allowExec[profile] ?? []), ...(spec.program ? [spec.program] : [])],
    });
  }

  private inBox(request: Omit<BoxRequest, 'identity'>): Promise<SandboxExecResult> {
    if (!this.ids) return this.boxed({ ...request, identity: null });
    return this.ids.with((identity) => {
      throwIfAborted(request.spec.signal); // it may have waited for a free uid
      return this.boxed({ ...request, identity });
    });
  }

  private async boxed(request: BoxRequest): Promise<SandboxExecResult> {
    const { spec, identity } = request;
    this.makeBoxRoot();
    if (identity) {
      handOver(spec.cwd, identity.uid, identity.gid);
      if (request.profile !== 'compile') handOverBinary((spec as SandboxExecSpec).program ?? spec.command, identity.uid, identity.gid);
    }
    // Compiles take long enough that a box made ahead would not show: each makes its own.
    const made = (request.profile !== 'compile' && this.warm?.take(request.profile)) || this.makeBox(request.profile);
    let released = false;
    try {
      made.cgroup?.limit(boxResources(request.limits, request.scratchMb));
      const raw = await made.box.run(boxRequest(request), {
        timeoutMs: spec.timeoutMs,
        outputCapBytes: spec.outputCapBytes,
        // A run that floods its output is stopped at the limit (verdict output_limit); a
        // compiler's error flood is only truncated, as it ends by itself.
        outputLimitBytes: request.profile === 'compile' ? undefined : spec.outputLimitBytes,
        signal: spec.signal,
      });
      // No process of the box may still run when its files are read.
      released = true;
      const report = await made.cgroup?.release();
      return execOutcome(raw, spec.signal, report?.oomKills);
    } finally {
      if (!released) await disposeBox(made, this.logger);
    }
  }

  /** A box started for a profile, in a cgroup of its own; it waits for its run. */
  private makeBox(profile: SandboxProfile | 'compile'): MadeBox {
    const limits = profile === 'compile' ? this.options.compile : this.options.run[profile];
    const cgroup = this.cgroups.create();
    try {
      const cgroupJoinFiles = cgroup?.joinFiles ?? [];
      const args = boxLaunch(this.options, { profile, limits, userNamespace: !this.ids, cgroups: cgroupJoinFiles.length });
      return { box: StartedBox.start(this.spawner, { args, cgroupJoinFiles }), cgroup };
    } catch (err) {
      void cgroup?.release().catch(() => undefined);
      throw err;
    }
  }
}

/**
 * The box's cgroup: the program's memory plus room for its tmpfs files and the launcher, so that
 * files alone never fill it (the launcher must live to report); one pid for the launcher.
 */
function boxResources(limits: BoxLimits, scratchMb: number): BoxResources {
  const filesMb = limits.tmpMb + DEV_SHM_MB + scratchMb;
  return { memoryBytes: (limits.memoryMb + filesMb + LAUNCHER_MB) * MIB, pids: limits.processes + 1, cpus: limits.cpus };
}

function optional<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}
