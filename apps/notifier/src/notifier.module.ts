import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';
import { HealthModule } from './health/health.module';

/**
 * Watches the workers and run queues (`health`), ends or requeues attempts stranded by a lost or
 * failed job (which needs the labs, to know each one's queue), and emails the admins (`alerts`).
 */
@Module({ imports: [ConfigModule.forApp('notifier'), DatabaseModule, RedisModule, CatalogueModule, HealthModule] })
export class NotifierModule {}
