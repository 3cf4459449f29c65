import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DependencyHealth } from './dependency-health';

/** For load balancers and the on-call admin: can this gateway reach what it needs? */
@Controller('healthz')
export class HealthController {
  constructor(private readonly dependencies: DependencyHealth) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const { postgres, redis } = await this.dependencies.check();
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', postgres, redis });
  }
}
