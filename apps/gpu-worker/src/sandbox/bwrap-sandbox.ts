import { OnModuleInit } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecResult, ExecSpec } from '../runner/exec-types';
import { Sandbox } from '../runner/sandbox';
import { boxCommand, BoxRequest } from './box-command';
import { handOver, handOverBinary } from './box-ownership';
import { boxedExec } from './boxed-exec';
import type { BwrapSandboxOptions } from './bwrap-sandbox-options';
import { execOutcome } from './exec-outcome';
import { libwbInputs } from './libwb-inputs';
import { keepOnlyRegularFiles } from './output-sanitizer';
import { SandboxError } from './sandbox-error';
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
  readonly programsHaveOwnUid: boolean;
  private readonly identity: { uid: number; gid: number } | null;

  constructor(private readonly options: BwrapSandboxOptions) {
    super();
    // Only root can give the program a uid of its own; otherwise bubblewrap's user namespace
    // runs it as the worker's uid (README.md, "Identity").
    this.identity = process.getuid?.() === 0 ? { uid: options.sandboxUid, gid: options.sandboxGid } : null;
    this.programsHaveOwnUid = this.identity !== null;
    const who = this.identity ? `uid ${this.identity.uid}` : 'the worker uid in a user namespace';
    this.description = `bubblewrap + seccomp whitelist (profile ${options.defaultProfile} unless the lab's toolchain says otherwise), as ${who}`;
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

  compile(spec: ExecSpec): Promise<ExecResult> {
    return this.inBox(spec, (s) => ({
      profile: 'compile',
      spec: s,
      limits: this.options.compile,
      readOnly: [this.options.libwbPath, ...optional(toolchainRoot(s.command, s.env.PATH)), ...(s.readOnlyPaths ?? [])],
      readWrite: [s.cwd],
      identity: this.identity,
      allowExec: [],
    }));
  }

  run(spec: ExecSpec): Promise<ExecResult> {
    return this.inBox(spec, (s) => {
      const profile = s.profile ?? this.options.defaultProfile;
      return {
        profile,
        spec: s,
        limits: this.options.run[profile],
        readOnly: [s.command, ...(s.readOnlyPaths ?? libwbInputs(s.args))],
        readWrite: [s.cwd],
        identity: this.identity,
        allowExec: this.options.allowExec[profile] ?? [],
      };
    });
  }

  private async inBox(spec: SandboxExecSpec, plan: (spec: SandboxExecSpec) => BoxRequest): Promise<SandboxExecResult> {
    const request = plan(spec);
    if (this.identity) {
      await handOver(spec.cwd, this.identity.uid, this.identity.gid);
      if (request.profile !== 'compile') await handOverBinary(spec.command, this.identity.uid, this.identity.gid);
    }
    try {
      const raw = await boxedExec({
        ...boxCommand(this.options, request),
        timeoutMs: spec.timeoutMs,
        outputCapBytes: spec.outputCapBytes,
        // A run that floods its output is stopped at once (verdict output_limit); a compiler's
        // error flood is only truncated, as it ends by itself.
        killOnOverflow: request.profile !== 'compile',
      });
      return execOutcome(raw);
    } finally {
      if (request.profile !== 'compile') await keepOnlyRegularFiles(spec.cwd);
    }
  }
}

function optional<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}
