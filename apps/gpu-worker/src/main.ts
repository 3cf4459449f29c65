import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@wb/common';
import { WorkerDescription } from './registration/registration.service';
import { Sandbox } from './runner/sandbox';
import { chooseToolchains, detectToolchains } from './toolchains/toolchain-detector';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Worker');
  const detected = await detectToolchains();
  const toolchains = chooseToolchains(detected, config.WORKER_TOOLCHAINS);
  for (const [toolchain, why] of Object.entries(detected.missing)) logger.log(`no ${toolchain}: ${why}`);
  if (toolchains.length === 0) throw new Error('this machine has no toolchain to serve (install g++)');

  const app = await NestFactory.createApplicationContext(WorkerModule.serving(new WorkerDescription(toolchains, detected.gpu)));
  app.enableShutdownHooks();
  logger.warn(`sandbox: ${app.get(Sandbox).description}`);
  logger.log(`serving ${toolchains.join(', ')}${detected.gpu ? ` on ${detected.gpu}` : ''}`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
