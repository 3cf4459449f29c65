import type { HealthIndicatorFunction } from '@nestjs/terminus';

/** What an app needs to do its work, checked at each `GET /healthz/ready`: one provider per app. */
export abstract class Readiness {
  abstract checks(): HealthIndicatorFunction[];
}
