import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createValidationPipe, loadConfig, migrateDatabase } from '@wb/common';
import cookieParser from 'cookie-parser';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { UsersService } from './auth/users.service';
import { ApiErrorFilter } from './http/api-error.filter';
import { installBodyParsers } from './http/body-parsers';
import { installResponseCompression } from './http/response-compression';
import { gatewayLog } from './log/gateway-log';

async function bootstrap(): Promise<void> {
  const config = loadConfig('gateway');
  // The schema is brought up to date before serving; gateways starting together migrate once.
  const applied = await migrateDatabase(config.DATABASE_URL);
  if (applied.length) new Logger('Migrations').log(`applied ${applied.join(', ')}`);

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: gatewayLog });
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  installResponseCompression(app); // before the static assets, which are most of the bytes
  // The pages' bundles and stylesheet, built by `npm run build` (scripts/build.js) into dist/web.
  app.useStaticAssets(join(config.rootDir, 'dist', 'web'), { prefix: '/assets/', index: false, fallthrough: true });
  app.use(cookieParser());
  installBodyParsers(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();

  await app.get(UsersService).ensureAdmin(config);
  await app.listen(config.GATEWAY_PORT);
  new Logger('Gateway').log(`listening on http://127.0.0.1:${config.GATEWAY_PORT}`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
