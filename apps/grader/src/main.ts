import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, RecentLogLogger } from '@wb/common';
import { GraderModule } from './grader.module';

async function bootstrap(): Promise<void> {
  const logger = new RecentLogLogger().configure(loadConfig('grader'));
  const app = await NestFactory.createApplicationContext(GraderModule, { logger });
  app.enableShutdownHooks();
  new Logger('Grader').log('connected to Postgres and Redis; ready');
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
