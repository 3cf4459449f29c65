import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, RecentLogLogger } from '@wb/common';
import { NotifierModule } from './notifier.module';

async function bootstrap(): Promise<void> {
  const logger = new RecentLogLogger().configure(loadConfig('notifier'));
  const app = await NestFactory.createApplicationContext(NotifierModule, { logger });
  app.enableShutdownHooks();
  new Logger('Notifier').log('connected to Postgres and Redis; ready');
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
