import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, loadCatalogue, loadMp, Mp } from '@wb/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The labs this worker can run: those of the local `mps/` folder, overridden by labs pushed
 * to it (`POST /mp/:mp_id/data`), which is how a GPU host without the repository gets them.
 */
@Injectable()
export class WorkerLabs {
  private readonly logger = new Logger(WorkerLabs.name);
  private readonly labs = new Map<string, Mp>();
  readonly dataDir: string;

  constructor(config: AppConfig) {
    this.dataDir = config.WORKER_DATA_DIR ?? join(config.WORKER_WORK_DIR, 'labs');
    for (const dir of [config.mpsPath, this.dataDir]) {
      if (!existsSync(dir)) continue;
      for (const [id, mp] of loadCatalogue(dir)) this.labs.set(id, mp);
    }
    this.logger.log(`labs: ${[...this.labs.keys()].join(', ') || 'none yet'}`);
  }

  find(mpId: string): Mp | undefined {
    return this.labs.get(mpId);
  }

  /** The longest any job of these labs may take in the box: a compile and every dataset's run, hidden ones too. */
  longestJobMs(): number {
    let longest = 0;
    for (const mp of this.labs.values()) {
      const { compile_s, run_s } = mp.config.limits;
      longest = Math.max(longest, (compile_s + run_s * mp.datasets.length) * 1000);
    }
    return longest;
  }

  /**
   * Validates a lab unpacked in `staging` and swaps it into place with renames, so a job never
   * sees a half-written lab; the previous version is removed afterwards.
   */
  async install(mpId: string, staging: string): Promise<Mp> {
    const target = join(this.dataDir, mpId);
    loadMp(staging, mpId); // validates before anything moves; throws MpConfigError naming the problem
    const retired = join(this.dataDir, `.retired-${mpId}-${randomBytes(4).toString('hex')}`);
    if (existsSync(target)) await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
    const mp = loadMp(target, mpId);
    this.labs.set(mpId, mp);
    return mp;
  }

  async stagingDir(): Promise<string> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const dir = join(this.dataDir, `.incoming-${randomBytes(6).toString('hex')}`);
    await mkdir(dir, { mode: 0o700 });
    return dir;
  }
}
