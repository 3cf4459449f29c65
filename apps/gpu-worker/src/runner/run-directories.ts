import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A run directory's modification time moves each time a dataset starts (its folder is made
 * there), so one untouched this long belongs to no attempt still running: the longest wait
 * between two moves is one compile or one run, two minutes at most (mp.yaml's limits).
 */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * The private directory each attempt compiles and runs in, under `<WORKER_WORK_DIR>/runs`.
 *
 * A directory is removed whole once the attempt is over, but off the attempt's critical path:
 * the verdict goes to the student while the files are being deleted. The box has ended by then
 * (the program dies with the box's pid 1), so nothing writes there any more. Removals still going
 * are waited for at shutdown, and a worker that died mid-attempt leaves directories behind that
 * a periodic sweep deletes once they are clearly abandoned. Several workers may share the work
 * directory, so the sweep goes by age, never by "not mine".
 */
@Injectable()
export class RunDirectories implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RunDirectories.name);
  readonly root: string;
  private readonly removing = new Set<Promise<void>>();
  private made: Promise<unknown> | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(config: AppConfig) {
    this.root = join(config.WORKER_WORK_DIR, 'runs');
  }

  async onModuleInit(): Promise<void> {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
    await this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.settled();
  }

  /** Runs `work` in a new private directory named after `label`, which is removed afterwards. */
  async use<T>(label: string, work: (dir: string) => Promise<T>): Promise<T> {
    this.made ??= mkdir(this.root, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      this.made = null; // try again next time (the work directory may be fixed meanwhile)
      throw err;
    });
    await this.made;
    const dir = await mkdtemp(join(this.root, `${label}-`));
    try {
      return await work(dir);
    } finally {
      this.remove(dir);
    }
  }

  /** Resolves once every removal begun so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.removing]);
  }

  /**
   * `rm` with `recursive` unlinks symbolic links instead of following them, so a link the
   * program planted cannot make the worker delete anything outside the directory.
   */
  private remove(dir: string): void {
    const removal = rm(dir, { recursive: true, force: true, maxRetries: 2 })
      .catch((err: Error) => this.logger.warn(`could not remove run directory ${dir}: ${err.message}`))
      .finally(() => this.removing.delete(removal));
    this.removing.add(removal);
  }

  /** Removes the directories of attempts that ended without cleaning up (their worker died). */
  private async sweep(): Promise<void> {
    const before = Date.now() - ABANDONED_AFTER_MS;
    try {
      for (const name of await readdir(this.root)) {
        const dir = join(this.root, name);
        const info = await lstat(dir).catch(() => null);
        if (info && info.mtimeMs < before) {
          this.logger.log(`removing abandoned run directory ${name}`);
          this.remove(dir);
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`sweeping ${this.root} failed: ${(err as Error).message}`);
    }
  }
}
