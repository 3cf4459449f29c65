import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { statfs } from 'node:fs/promises';
import { freemem, loadavg, totalmem } from 'node:os';
import { WorkerIdentity } from '../registration/worker-identity';
import { WorkerDescription } from '../registration/registration.service';
import { Sandbox } from '../runner/sandbox';
import { totalSlots } from '../toolchains/job-slots';
import { JobTracker } from './job-tracker';

/** `GET /status`: what an admin on call wants to see about this worker. */
@Injectable()
export class WorkerStatus {
  constructor(
    private readonly config: AppConfig,
    private readonly description: WorkerDescription,
    private readonly identity: WorkerIdentity,
    private readonly jobs: JobTracker,
    private readonly sandbox: Sandbox,
  ) {}

  async snapshot() {
    const disk = await statfs(this.config.WORKER_WORK_DIR).catch(() => null);
    return {
      id: this.identity.id,
      name: this.identity.name,
      version: process.env.npm_package_version ?? '0.1.0',
      toolchains: this.description.toolchains,
      gpu: this.description.gpu,
      // how its boxes are isolated and limited: the uid mode and the cgroups (or none)
      sandbox: this.sandbox.description,
      stopping: this.jobs.stopping,
      paused: this.jobs.paused,
      runningJobs: this.jobs.running,
      // each job running here: its attempt id (or a direct compile's label) and for how long
      jobs: this.jobs.snapshot(),
      // jobs it runs at once, in all and per toolchain queue
      concurrency: totalSlots(this.description.slots),
      slots: this.description.slots,
      load: loadavg(),
      memory: { totalBytes: totalmem(), freeBytes: freemem() },
      disk: disk ? { path: this.config.WORKER_WORK_DIR, freeBytes: disk.bavail * disk.bsize, totalBytes: disk.blocks * disk.bsize } : null,
      uptimeS: Math.round(process.uptime()),
    };
  }
}
