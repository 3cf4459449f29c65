import { AppConfig, loadConfig, Mp, Toolchain } from '@wb/common';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileCache } from '../../../apps/gpu-worker/src/cache/compile-cache';
import { CompileCacheOptions } from '../../../apps/gpu-worker/src/cache/compile-cache-options';
import { CompilerVersions } from '../../../apps/gpu-worker/src/cache/compiler-versions';
import { FileDigests } from '../../../apps/gpu-worker/src/cache/file-digests';
import { Compiler } from '../../../apps/gpu-worker/src/runner/compiler';
import { DatasetRunner } from '../../../apps/gpu-worker/src/runner/dataset-runner';
import { RunDirectories } from '../../../apps/gpu-worker/src/runner/run-directories';
import { BoxSandbox } from '../../../apps/gpu-worker/src/sandbox/box-sandbox';
import { ROOT } from '../../support/processes';
import { testSandboxUidBase } from '../../support/sandbox-uids';
import { hostileLab, hostileSandboxOptions } from './hostile-lab';
import type { HostileVerdict } from './hostile-programs';

export interface Attempt {
  verdict: HostileVerdict;
  output: string;
  message: string;
}

/**
 * The worker's own parts, put together as the worker module does (Compiler with its cache,
 * DatasetRunner, BoxSandbox), minus the queue and the keyword check, which would stop most of
 * these programs before the sandbox ever saw them.
 */
export class HostileWorker {
  readonly scratch = mkdtempSync(join(tmpdir(), 'wb-hostile-'));
  /** What the worker's WORKER_TOKEN is set to: no program may ever print it. */
  readonly canary = `hostile-canary-${randomBytes(12).toString('hex')}`;
  readonly config: AppConfig;
  readonly sandbox: BoxSandbox;
  readonly mp: Mp;
  readonly compiler: Compiler;
  readonly datasets: DatasetRunner;
  readonly runs: RunDirectories;
  /** The uids the programs run as: the sandbox's range under a root worker, else the worker's own. */
  readonly uids: number[];

  /** Processes of the worker's that hold no run: the boxes made ahead, waiting for one. */
  get waitingBoxes(): number[] {
    return this.sandbox.waitingBoxPids();
  }
  private readonly savedToken = process.env.WORKER_TOKEN;

  constructor(toolchain: Toolchain = 'cpp') {
    execFileSync('make', ['-s', '-C', join(ROOT, 'apps', 'gpu-worker', 'sandbox')], { stdio: 'inherit' });
    execFileSync('make', ['-s', '-C', join(ROOT, 'libs', 'libwb')], { stdio: 'inherit' });
    // A real worker has its token in its environment: nothing of it may reach a program.
    process.env.WORKER_TOKEN = this.canary;
    this.config = loadConfig('worker', {
      ...process.env,
      WORKER_WORK_DIR: join(this.scratch, 'work'),
      SESSION_SECRET: randomBytes(24).toString('hex'),
      SANDBOX_UID_BASE: testSandboxUidBase(),
    });
    const options = hostileSandboxOptions(this.config, toolchain);
    this.sandbox = new BoxSandbox(options);
    this.uids = this.sandbox.ids?.all() ?? [process.getuid!()];
    this.mp = hostileLab(ROOT, toolchain);
    // The compile cache too, as the worker module sets it up: a hit hands the run a binary the
    // worker owns (a read-only link under a root worker), not the box.
    const cache = new CompileCache(
      new CompileCacheOptions(join(this.scratch, 'cache'), 256 << 20, { linkHits: this.sandbox.programsHaveOwnUid }),
      new CompilerVersions(),
      new FileDigests(),
    );
    this.compiler = new Compiler(this.sandbox, cache, this.config);
    this.datasets = new DatasetRunner(this.sandbox);
    this.runs = new RunDirectories(this.config);
  }

  /** One attempt as the worker makes it: a run directory, compile, run dataset 0, delete. */
  attempt(label: string, source: string): Promise<Attempt> {
    return this.runs.use(label, async (dir) => {
      const compiled = await this.compiler.compile(this.mp, source, dir);
      if (!compiled.ok) return { verdict: compiled.status, output: compiled.output, message: '' };
      const run = await this.datasets.run(this.mp, compiled.binary, this.mp.datasets[0], dir);
      return { verdict: run.result.status, output: compiled.output + run.output, message: run.result.message };
    });
  }

  /** Runs an already compiled binary on dataset 0 in a fresh run directory. */
  runBinary(label: string, binary: string): Promise<HostileVerdict> {
    return this.runs.use(label, async (dir) => (await this.datasets.run(this.mp, binary, this.mp.datasets[0], dir)).result.status);
  }

  async close(): Promise<void> {
    await this.sandbox.onModuleDestroy();
    if (this.savedToken === undefined) delete process.env.WORKER_TOKEN;
    else process.env.WORKER_TOKEN = this.savedToken;
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
