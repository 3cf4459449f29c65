import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, RedisModule } from '@wb/common';
import { HealthModule } from './health/health.module';

/** Watches the workers and run queues (`health`) and emails the admins (`alerts`). */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, HealthModule] })
export class NotifierModule {}
