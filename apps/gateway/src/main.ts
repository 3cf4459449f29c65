import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { AppConfig, createValidationPipe, loadConfig, migrateDatabase } from '@wb/common';
import cluster from 'node:cluster';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { UsersService } from './auth/users.service';
import { sumMetricsAcrossProcesses } from './cluster/cluster-metrics';
import { runGatewayCluster } from './cluster/gateway-cluster';
import { shareLogAcrossProcesses } from './cluster/shared-log';
import { ApiErrorFilter } from './http/api-error.filter';
import { BODY_LIMIT_BYTES, installBodyParsers } from './http/body-parsers';
import { installOpenApi } from './http/openapi';
import { installRequestIds, requestIdOf } from './http/request-ids';
import { installResponseCompression } from './http/response-compression';
import { installSecurityHeaders } from './http/security-headers';
import { gatewayLog } from './log/gateway-log';

/** One gateway process: the application, serving GATEWAY_PORT (with its siblings, under a cluster primary). */
async function bootstrap(config: AppConfig): Promise<void> {
  const adapter = new FastifyAdapter({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdOf,
    // As Node's own server has it: a client gets this long to send its request.
    requestTimeout: 300_000,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bodyParser: false, logger: gatewayLog });
  const fastify = app.getHttpAdapter().getInstance();
  installRequestIds(fastify);
  installSecurityHeaders(fastify, config.GATEWAY_URL);
  await installResponseCompression(fastify);
  // The pages' bundles and stylesheet, built by `npm run build` (scripts/build.js) into dist/web.
  app.useStaticAssets({ root: join(config.rootDir, 'dist', 'web'), prefix: '/assets/', index: false });
  await app.register(cookie);
  installBodyParsers(fastify);
  await app.register(multipart); // read only by the route that takes an upload (the similarity import)
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  installOpenApi(app);
  app.enableShutdownHooks();

  await app.get(UsersService).ensureAdmin(config);
  await app.listen(config.GATEWAY_PORT, everyAddress());
}

/** Every interface, IPv6 too where the host has it, as Node's own server listens without a host (Fastify's default is loopback only). */
function everyAddress(): string {
  const ipv6 = Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.family === 'IPv6'));
  return ipv6 ? '::' : '0.0.0.0';
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
