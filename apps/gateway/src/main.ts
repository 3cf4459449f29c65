import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, createValidationPipe, loadConfig, migrateDatabase } from '@wb/common';
import cookieParser from 'cookie-parser';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { UsersService } from './auth/users.service';
import { sumMetricsAcrossProcesses } from './cluster/cluster-metrics';
import { runGatewayCluster } from './cluster/gateway-cluster';
import { shareLogAcrossProcesses } from './cluster/shared-log';
import { ApiErrorFilter } from './http/api-error.filter';
import { installBodyParsers } from './http/body-parsers';
import { installOpenApi } from './http/openapi';
import { installRequestIds } from './http/request-ids';
import { installResponseCompression } from './http/response-compression';
import { gatewayLog } from './log/gateway-log';

/** One gateway process: the application, serving GATEWAY_PORT (with its siblings, under a cluster primary). */
async function bootstrap(config: AppConfig): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: gatewayLog });
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  installRequestIds(app);
  installResponseCompression(app); // before the static assets, which are most of the bytes
  // The pages' bundles and stylesheet, built by `npm run build` (scripts/build.js) into dist/web.
  app.useStaticAssets(join(config.rootDir, 'dist', 'web'), { prefix: '/assets/', index: false, fallthrough: true });
  app.use(cookieParser());
  installBodyParsers(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  installOpenApi(app);
  app.enableShutdownHooks();

  await app.get(UsersService).ensureAdmin(config);
  await app.listen(config.GATEWAY_PORT);
}

/** The schema is brought up to date before any process serves; gateways starting together migrate once. */
async function migrate(config: AppConfig): Promise<void> {
  const applied = await migrateDatabase(config.DATABASE_URL);
  if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
}

/** The one line `npm start` and the test harnesses wait for, however many processes serve. */
function announceListening(config: AppConfig): void {
  new Logger('Gateway').log(`listening on http://127.0.0.1:${config.GATEWAY_PORT}`);
}

async function main(): Promise<void> {
  const config = loadConfig('gateway');
  Logger.overrideLogger(gatewayLog.configure(config)); // the migrations' lines too
  if (cluster.isWorker) {
    // Forked by the primary below, which migrated first and announces the gateway itself.
    shareLogAcrossProcesses(gatewayLog);
    await bootstrap(config);
    new Logger('Gateway').log(`gateway process ${cluster.worker!.id} ready (pid ${process.pid})`);
  } else if (config.GATEWAY_PROCESSES === 1) {
    await migrate(config);
    await bootstrap(config);
    announceListening(config);
  } else {
    shareLogAcrossProcesses(gatewayLog);
    sumMetricsAcrossProcesses();
    await runGatewayCluster({
      processes: config.GATEWAY_PROCESSES,
      prepare: () => migrate(config),
      onListening: () => announceListening(config),
    });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
