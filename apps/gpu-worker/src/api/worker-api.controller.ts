import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiError, MpConfigError, RecentLogLogger, WorkerLogLines, WorkerTokenGuard } from '@wb/common';
import type { Request, Response } from 'express';
import { rm } from 'node:fs/promises';
import { WorkerLabs } from '../labs/worker-labs.service';
import { WorkerDescription } from '../registration/registration.service';
import { AttemptOutcome, AttemptPipeline, selectDatasets } from '../runner/attempt-pipeline';
import { RunAborted } from '../runner/run-aborted';
import { CompileDto } from './dto/compile.dto';
import { GpuProbe } from './gpu-probe';
import { JobTracker } from './job-tracker';
import { ArchiveError, unpackLab } from './lab-archive';
import { WorkerShutdown } from './worker-shutdown';
import { WorkerStatus } from './worker-status';

/** The worker's own API; every route needs the worker token. */
@Controller()
@UseGuards(WorkerTokenGuard)
export class WorkerApiController {
  constructor(
    private readonly labs: WorkerLabs,
    private readonly pipeline: AttemptPipeline,
    private readonly jobs: JobTracker,
    private readonly probe: GpuProbe,
    private readonly status: WorkerStatus,
    private readonly log: RecentLogLogger,
    private readonly shutdown: WorkerShutdown,
    private readonly description: WorkerDescription,
  ) {}

  /** Compiles and runs now, outside the queues, with the same pipeline as a queued job. */
  @Post('mp/:mp_id/compile')
  @HttpCode(HttpStatus.OK)
  async compile(@Param('mp_id') mpId: string, @Body() dto: CompileDto): Promise<AttemptOutcome> {
    if (this.jobs.stopping) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'this worker is stopping');
    const mp = this.labs.find(mpId);
    if (!mp) throw new ApiError(HttpStatus.CONFLICT, `this worker does not have lab "${mpId}"; push it with POST /mp/${mpId}/data`);
    if (!this.description.toolchains.includes(mp.config.toolchain)) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        `this worker does not serve ${mp.config.toolchain} labs (it serves ${this.description.toolchains.join(', ')})`,
      );
    }
    const datasets = selectDatasets(mp, dto.dataset);
    if (datasets.length === 0) throw new ApiError(HttpStatus.BAD_REQUEST, `lab "${mpId}" has no public dataset ${dto.dataset}`);
    try {
      return await this.jobs.track(`direct-${mpId}`, (signal) =>
        this.pipeline.execute(`direct-${mpId}`, mp, dto.program, datasets, undefined, signal),
      );
    } catch (err) {
      if (err instanceof RunAborted) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'this worker is stopping');
      throw err;
    }
  }

  @Get('mp/:mp_id/data')
  data(@Param('mp_id') mpId: string, @Res() res: Response): void {
    const mp = this.labs.find(mpId);
    if (!mp) return void res.status(HttpStatus.NOT_FOUND).json({ present: false });
    res.json({ present: true, version: mp.version });
  }

  /** Receives a lab folder as tar.gz (mp.yaml at the archive's root) and installs it atomically. */
  @Post('mp/:mp_id/data')
  @HttpCode(HttpStatus.CREATED)
  async receive(@Param('mp_id') mpId: string, @Req() req: Request): Promise<{ version: string }> {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(mpId)) throw new ApiError(HttpStatus.BAD_REQUEST, `"${mpId}" is not a lab id`);
    const staging = await this.labs.stagingDir();
    try {
      await unpackLab(req, staging);
      return { version: (await this.labs.install(mpId, staging)).version };
    } catch (err) {
      if (err instanceof ArchiveError || err instanceof MpConfigError) throw new ApiError(HttpStatus.BAD_REQUEST, err.message);
      throw err;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  @Get('is_gpu_alive')
  async isGpuAlive(@Res() res: Response): Promise<void> {
    const result = await this.probe.probe();
    res.status(result.alive ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(result);
  }

  @Get('status')
  snapshot() {
    return this.status.snapshot();
  }

  @Post('stop')
  @HttpCode(HttpStatus.ACCEPTED)
  stop(): { stopping: true } {
    this.shutdown.begin('POST /stop');
    return { stopping: true };
  }

  @Get('log')
  recentLog(): WorkerLogLines {
    return { lines: this.log.recent() };
  }
}
