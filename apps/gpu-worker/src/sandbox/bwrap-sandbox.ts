import { OnModuleInit } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecResult } from '../runner/exec-types';
import { throwIfAborted } from '../runner/run-aborted';
import { Sandbox } from '../runner/sandbox';
import { boxCommand, BoxRequest } from './box-command';
import { handOver, handOverBinary } from './box-ownership';
import { boxedExec } from './boxed-exec';
import type { BwrapSandboxOptions } from './bwrap-sandbox-options';
import { execOutcome } from './exec-outcome';
import { libwbInputs } from './libwb-inputs';
import { keepOnlyRegularFiles } from './output-sanitizer';
import { SandboxError } from './sandbox-error';
import { SandboxIds } from './sandbox-ids';
import type { SandboxExecResult, SandboxExecSpec } from './sandbox-spec';
import { toolchainRoot } from './toolchain-root';

const run = promisify(execFile);

/**
 * Compiles and runs student programs in bubblewrap under the wb-sandbox launcher: a box with
 * no network and only the system toolchain read-only, an unprivileged uid, rlimits, and for
 * runs a seccomp whitelist per toolchain. See apps/gpu-worker/sandbox/README.md.
 */
export class BwrapSandbox extends Sandbox implements OnModuleInit {
  readonly description: string;
  /** The ids boxes run as, one box per id at a time; null: the worker's own uid (not root). */
  readonly ids: SandboxIds | null;

  constructor(private readonly options: BwrapSandboxOptions) {
    super();
    // Only root can give the program a uid of its own; otherwise bubblewrap's user namespace
    // runs it as the worker's uid (README.md, "Identity").
    const { first, count } = options.sandboxIds;
    this.ids = process.getuid?.() === 0 ? new SandboxIds(first, count) : null;
    const who = this.ids ? `uids ${first}-${first + count - 1}, one per box` : 'the worker uid in a user namespace';
    this.description = `bubblewrap + seccomp whitelist (profile ${options.defaultProfile} unless the lab's toolchain says otherwise), as ${who}`;
  }

  get programsHaveOwnUid(): boolean {
    return this.ids !== null;
  }

  /** Fails the worker's start, not its first job, when the box cannot be built here. */
  async onModuleInit(): Promise<void> {
    await this.verify();
  }

  async verify(): Promise<void> {
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
    // The folder handed to the sandbox uid is one level down: nothing in the shared /tmp
    // itself ever belongs to that uid.
    const dir = await mkdtemp(join(tmpdir(), 'wb-sandbox-probe-'));
    try {
      const cwd = join(dir, 'box');
      await mkdir(cwd, { mode: 0o700 });
      const probe = await this.compile({ command: '/bin/true', args: [], cwd, env: {}, timeoutMs: 10_000, outputCapBytes: 4096 });
      if (probe.exitCode !== 0) throw new SandboxError(`the box fails here: ${probe.stderr.trim() || `status ${probe.exitCode}`}`);
    } catch (err) {
      throw err instanceof SandboxError ? new SandboxError(`bubblewrap cannot build the box here: ${err.message}`) : err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  compile(spec: SandboxExecSpec): Promise<ExecResult> {
    return this.inBox({
      profile: 'compile',
      spec,
      limits: this.options.compile,
      readOnly: [this.options.libwbPath, ...optional(toolchainRoot(spec.command, spec.env.PATH)), ...(spec.readOnlyPaths ?? [])],
      readWrite: [spec.cwd],
      allowExec: [],
    });
  }

  run(spec: SandboxExecSpec): Promise<ExecResult> {
    const profile = spec.profile ?? this.options.defaultProfile;
    return this.inBox({
      profile,
      spec,
      limits: this.options.run[profile],
      readOnly: [spec.command, ...(spec.readOnlyPaths ?? libwbInputs(spec.args))],
      readWrite: [spec.cwd],
      allowExec: this.options.allowExec[profile] ?? [],
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
    if (identity) {
      await handOver(spec.cwd, identity.uid, identity.gid);
      if (request.profile !== 'compile') await handOverBinary(spec.command, identity.uid, identity.gid);
    }
    try {
      const raw = await boxedExec({
        ...boxCommand(this.options, request),
        timeoutMs: spec.timeoutMs,
        outputCapBytes: spec.outputCapBytes,
        // A run that floods its output is stopped at the limit (verdict output_limit); a
        // compiler's error flood is only truncated, as it ends by itself.
        outputLimitBytes: request.profile === 'compile' ? undefined : spec.outputLimitBytes,
        signal: spec.signal,
      });
      return execOutcome(raw, spec.signal);
    } finally {
      if (request.profile !== 'compile') await keepOnlyRegularFiles(spec.cwd);
    }
  }
}

function optional<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}
