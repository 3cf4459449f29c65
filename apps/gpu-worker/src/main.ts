import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe, loadConfig, RecentLogLogger } from '@wb/common';
import { json } from 'express';
import { installOpenApi } from './api/openapi';
import { WorkerErrorFilter } from './api/worker-error.filter';
import { WorkerShutdown } from './api/worker-shutdown';
import { WorkerDescription } from './registration/registration.service';
import { Sandbox } from './runner/sandbox';
import { jobSlots } from './toolchains/job-slots';
import { chooseToolchains, detectToolchains } from './toolchains/toolchain-detector';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig('worker');
  const logger = new RecentLogLogger().configure(config);
  Logger.overrideLogger(logger);
  const detected = await detectToolchains();
  const toolchains = chooseToolchains(detected, config.WORKER_TOOLCHAINS);
  for (const [toolchain, why] of Object.entries(detected.missing)) logger.log(`no ${toolchain}: ${why}`, 'Worker');
  if (toolchains.length === 0) throw new Error('this machine has no toolchain to serve (install g++)');

  const app = await NestFactory.create<NestExpressApplication>(
    WorkerModule.serving(
      new WorkerDescription(toolchains, detected.gpu, jobSlots(toolchains, detected.gpuCount, config.WORKER_CONCURRENCY)),
      logger,
    ),
    {
      bodyParser: false,
      logger,
    },
  );
  // JSON bodies only; a lab archive (application/gzip) is streamed by its route, never buffered.
  app.use(json({ limit: '2mb' }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new WorkerErrorFilter());
  installOpenApi(app);
  // Not Nest's own signal handling, whose close waits for running jobs without a bound.
  const shutdown = app.get(WorkerShutdown);
  shutdown.onDrained(() => app.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown.begin(signal));
  await app.listen(config.WORKER_PORT);
  logger.warn(`sandbox: ${app.get(Sandbox).description}`, 'Worker');
  logger.log(`serving ${toolchains.join(', ')}${detected.gpu ? ` on ${detected.gpu}` : ''}; API on :${config.WORKER_PORT}`, 'Worker');
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
