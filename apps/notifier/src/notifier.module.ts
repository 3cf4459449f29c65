import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, MetricsModule, QUEUE, RedisModule } from '@wb/common';
import { HealthProbesModule, storeReadiness } from '@wb/common/health';
import { HealthModule } from './health/health.module';

/**
 * Watches the workers and run queues (`health`), ends or requeues attempts stranded by a lost or
 * failed job (which needs the labs, to know each one's queue), and emails the admins (`alerts`);
 * `GET /metrics` on METRICS_PORT when it is set, and there the health probes: ready while
 * Postgres and Redis answer and the probe rounds keep up (not the alerts, whose retries wait out
 * an SMTP server that is down).
 */
@Module({
  imports: [
    ConfigModule.forApp('notifier'),
    DatabaseModule,
    RedisModule,
    CatalogueModule,
    MetricsModule.ownServer('notifier'),
    HealthProbesModule.forApp({ routes: false }),
    HealthModule,
  ],
  providers: [storeReadiness(QUEUE.health)],
})
export class NotifierModule {}
