import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsAccessGuard } from './metrics-access';
import { METRICS_CONTENT_TYPE, MetricsText } from './metrics-text';

/**
 * `GET /metrics` on an app's own HTTP server, for Prometheus. Not in the OpenAPI documents: it is
 * Prometheus's format and access rule (deploy/README.md, "Metrics"), not the API's.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly text: MetricsText) {}

  @Get()
  @UseGuards(MetricsAccessGuard)
  async metrics(@Res() res: Response): Promise<void> {
    const body = await this.text.render();
    // Written as bytes: Express would rewrite the content type of a string body.
    res.status(200).set({ 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(Buffer.from(body));
  }
}
