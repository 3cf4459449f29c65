import { Controller, Get, Header, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
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
  @Header('Cache-Control', 'no-store')
  async metrics(): Promise<StreamableFile> {
    // As bytes with their own type, on Express and Fastify alike: Express would rewrite the type of a string.
    return new StreamableFile(Buffer.from(await this.text.render()), { type: METRICS_CONTENT_TYPE });
  }
}
