import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { HealthProbes, ProbeAnswer } from './health-probes';
import { Readiness } from './readiness';

/** {@link HealthProbes} by terminus: it runs the checks, and answers 503 once the app is shutting down. */
@Injectable()
export class TerminusHealthProbes extends HealthProbes {
  private readonly logger = new Logger('Health');
  /** Whether the last readiness check passed, so that only a change is logged, not every probe. */
  private wasReady = true;
  private readiness?: Readiness;

  constructor(
    private readonly health: HealthCheckService,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  live(): Promise<ProbeAnswer> {
    // No check: answering at all shows the process runs and its event loop turns.
    return this.answer([]);
  }

  async ready(): Promise<ProbeAnswer> {
    // The app's, provided by the module that has what its checks need.
    this.readiness ??= this.moduleRef.get(Readiness, { strict: false });
    const answer = await this.answer(this.readiness.checks());
    const ready = answer.status === 200;
    if (ready !== this.wasReady) {
      if (ready) this.logger.log('ready again');
      else this.logger.warn(`not ready: ${JSON.stringify(answer.body.error ?? answer.body.status)}`);
      this.wasReady = ready;
    }
    return answer;
  }

  private async answer(checks: HealthIndicatorFunction[]): Promise<ProbeAnswer> {
    try {
      return { status: 200, body: await this.health.check(checks) };
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      return { status: 503, body: err.getResponse() as HealthCheckResult };
    }
  }
}
