import { Controller, Get, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthProbes, ProbeAnswer } from './health-probes';

/**
 * The probes on an app's own HTTP server (gateway, worker), with no authentication: an
 * orchestrator's probe presents no credentials, and the answer names no secret.
 */
@ApiTags('operations')
@Controller('healthz')
export class HealthProbesController {
  constructor(
    private readonly probes: HealthProbes,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Liveness: restart the process when this fails. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: whether the process runs and answers' })
  @ApiOkResponse({ description: "Alive: terminus's `{status, info, error, details}`." })
  @ApiServiceUnavailableResponse({ description: 'Shutting down.' })
  async live(@Res() res: unknown): Promise<void> {
    this.send(res, await this.probes.live());
  }

  /** Readiness: send it no work (no requests, for a gateway) while this fails. */
  @Get('ready')
  @ApiOperation({ summary: "Readiness: whether every dependency of the app's work answers now" })
  @ApiOkResponse({ description: "Ready: terminus's `{status, info, error, details}`, each dependency under `details`." })
  @ApiServiceUnavailableResponse({ description: 'Not ready: the failing dependencies are under `error`.' })
  async ready(@Res() res: unknown): Promise<void> {
    this.send(res, await this.probes.ready());
  }

  /** Through the app's HTTP adapter: the gateway serves on Fastify, the other apps on Express. */
  private send(res: unknown, answer: ProbeAnswer): void {
    const http = this.adapterHost.httpAdapter;
    http.setHeader(res, 'Cache-Control', 'no-store');
    http.reply(res, answer.body, answer.status);
  }
}
