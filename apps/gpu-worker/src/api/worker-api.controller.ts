import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiError, MpConfigError, RecentLogLogger, WorkerLogLines } from '@wb/common';
import { ApiErrors } from '@wb/common/http/openapi';
import { WorkerTokenAuth } from '@wb/common/http/worker-token-auth';
import type { Request, Response } from 'express';
import { rm } from 'node:fs/promises';
import { WorkerLabs } from '../labs/worker-labs.service';
import { WorkerDescription } from '../registration/registration.service';
import { AttemptOutcome, AttemptPipeline, selectDatasets } from '../runner/attempt-pipeline';
import { RunAborted } from '../runner/run-aborted';
import { CompileDto } from './dto/compile.dto';
import { GpuAliveResponse, InstalledLabResponse, LabPresenceResponse, LogLinesResponse, StoppingResponse } from './dto/worker-api.response';
import { GpuProbe } from './gpu-probe';
import { JobTracker } from './job-tracker';
import { ArchiveError, unpackLab } from './lab-archive';
import { WorkerShutdown } from './worker-shutdown';
import { WorkerStatus } from './worker-status';

/** The worker's own API; every route needs the worker token. */
@ApiTags('worker')
@Controller()
@WorkerTokenAuth()
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
  @ApiOperation({
    summary: 'Compile and run a program now, outside the queues, with the pipeline a queued job uses',
    description: 'On one public dataset, or every public one with `dataset: -1`; the answer waits for the verdict.',
  })
  @ApiOkResponse({
    description:
      'The outcome `{status, compilerOutput, output, outputBytes, results, timers, logs}`, as a worker reports it to the gateway.',
  })
  @ApiErrors({
    400: 'A field is missing or wrong, or the lab has no such public dataset.',
    409: 'This worker does not have the lab (push it with `POST /mp/{mp_id}/data`), or does not serve its toolchain.',
    503: 'This worker is stopping.',
  })
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
  @ApiOperation({ summary: 'Whether this worker has the lab, and which version' })
  @ApiOkResponse({ type: LabPresenceResponse, description: 'It has it.' })
  @ApiNotFoundResponse({ type: LabPresenceResponse, description: 'It does not: `{present: false}`.' })
  data(@Param('mp_id') mpId: string, @Res() res: Response): void {
    const mp = this.labs.find(mpId);
    if (!mp) return void res.status(HttpStatus.NOT_FOUND).json({ present: false } satisfies LabPresenceResponse);
    res.json({ present: true, version: mp.version } satisfies LabPresenceResponse);
  }

  /** Receives a lab folder as tar.gz (mp.yaml at the archive's root) and installs it atomically. */
  @Post('mp/:mp_id/data')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Install a lab pushed as a tar.gz of its folder (`mp.yaml` at the root), atomically',
    description: 'Links and oversized archives are refused; a lab installed before is replaced once the new one is in place.',
  })
  @ApiConsumes('application/gzip')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: InstalledLabResponse, description: 'Installed.' })
  @ApiErrors({ 400: 'The id is not a lab id, the archive is not a valid or acceptable tar.gz, or its `mp.yaml` is wrong.' })
  async receive(@Param('mp_id') mpId: string, @Req() req: Request): Promise<InstalledLabResponse> {
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
  @ApiOperation({ summary: "Run a tiny kernel on the worker's GPU (or the site's `GPU_PROBE_COMMAND`), with a timeout" })
  @ApiOkResponse({ type: GpuAliveResponse, description: 'It ran: `{alive: true, device, ms}`.' })
  @ApiServiceUnavailableResponse({ type: GpuAliveResponse, description: 'None could: `{alive: false, reason}`.' })
  async isGpuAlive(@Res() res: Response): Promise<void> {
    const result = await this.probe.probe();
    res.status(result.alive ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(result);
  }

  @Get('status')
  @ApiOperation({ summary: "The worker's state: toolchains, GPU, sandbox, jobs and slots, load, memory, disk" })
  @ApiOkResponse({
    description:
      '`{id, name, version, toolchains, gpu, sandbox, stopping, paused, runningJobs, jobs, concurrency, slots, load, memory, disk, uptimeS}`.',
  })
  snapshot() {
    return this.status.snapshot();
  }

  @Post('stop')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Stop gracefully: take no more jobs, let the running ones finish (up to `WORKER_STOP_DEADLINE_MS`), then exit',
  })
  @ApiAcceptedResponse({ type: StoppingResponse, description: 'Stopping: it exits once its jobs are done or handed back.' })
  stop(): StoppingResponse {
    this.shutdown.begin('POST /stop');
    return { stopping: true };
  }

  @Get('log')
  @ApiOperation({ summary: "The worker's recent log lines" })
  @ApiOkResponse({ type: LogLinesResponse, description: 'The lines.' })
  recentLog(): WorkerLogLines {
    return { lines: this.log.recent() };
  }
}
