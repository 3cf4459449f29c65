import { Module } from '@nestjs/common';
import { DependencyHealth } from './dependency-health';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [DependencyHealth] })
export class HealthModule {}
