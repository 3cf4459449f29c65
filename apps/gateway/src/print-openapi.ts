import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { openApiText } from '@wb/common/http/openapi';
import { AppModule } from './app.module';
import { gatewayOpenApiDocument } from './http/openapi';

/**
 * `npm run openapi` (scripts/openapi.js): prints the gateway's OpenAPI document. A preview
 * application registers the routes without making any provider, so no Postgres, Redis or
 * configuration is needed, and the document is the one the gateway serves.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { preview: true, logger: false });
  process.stdout.write(openApiText(gatewayOpenApiDocument(app)));
  await app.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
