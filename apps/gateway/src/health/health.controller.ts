import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthProbes } from '@wb/common/health';
import type { FastifyReply } from 'fastify';

/** One dependency as `GET /healthz` has always named it: 'ok', or why not. */
function verdict(detail: { status: string; message?: unknown } | undefined): string {
  if (detail?.status === 'up') return 'ok';
  return typeof detail?.message === 'string' ? detail.message : 'not checked';
}

/**
 * `GET /healthz`, as load balancers and scripts have read it: readiness (`GET /healthz/ready`,
 * Postgres and Redis each within 2 s) with its first fields, `status` ('ok' or 'unavailable'),
 * `postgres` and `redis` ('ok' or why not), and terminus's `info`, `error` and `details` after them.
 */
@ApiTags('operations')
@Controller('healthz')
export class HealthController {
  constructor(private readonly probes: HealthProbes) {}

  @Get()
  @ApiOperation({ summary: 'Whether this gateway reaches Postgres and Redis now (readiness, in its first form)' })
  @ApiOkResponse({ description: "Both answer: `{status: ok, postgres: ok, redis: ok}`, then terminus's `info`, `error`, `details`." })
  @ApiServiceUnavailableResponse({ description: '`{status: unavailable, postgres, redis}`, each `ok` or why not.' })
  async health(@Res() res: FastifyReply): Promise<void> {
    const { status, body } = await this.probes.ready();
    res.status(status).send({
      status: status === 200 ? 'ok' : 'unavailable',
      postgres: verdict(body.details.postgres),
      redis: verdict(body.details.redis),
      info: body.info,
      error: body.error,
      details: body.details,
    });
  }
}
