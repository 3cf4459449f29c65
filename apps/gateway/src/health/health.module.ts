import { Module } from '@nestjs/common';
import { HealthProbesModule, storeReadiness } from '@wb/common/health';
import { HealthController } from './health.controller';

/** `GET /healthz/live`, `GET /healthz/ready` (Postgres and Redis) and the older `GET /healthz`. */
@Module({ imports: [HealthProbesModule.forApp({ routes: true })], controllers: [HealthController], providers: [storeReadiness()] })
export class HealthModule {}
