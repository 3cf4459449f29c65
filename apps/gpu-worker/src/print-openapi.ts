import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { RecentLogLogger } from '@wb/common';
import { openApiText } from '@wb/common/http/openapi';
import { workerOpenApiDocument } from './api/openapi';
import { WorkerDescription } from './registration/registration.service';
import { WorkerModule } from './worker.module';

/**
 * `npm run openapi` (scripts/openapi.js): prints the worker's OpenAPI document. A preview
 * application registers the routes without making any provider, so no machine, Redis or
 * configuration is needed; the routes are the same whatever toolchains a worker serves.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(WorkerModule.serving(new WorkerDescription(['cpp'], null, { cpp: 1 }), new RecentLogLogger()), {
    preview: true,
    logger: false,
  });
  process.stdout.write(openApiText(workerOpenApiDocument(app)));
  await app.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
