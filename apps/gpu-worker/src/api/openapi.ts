import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { serveOpenApi, stableDocument, withPathParameters } from '@wb/common/http/openapi';
import { WORKER_TOKEN_SCHEME, workerTokenScheme } from '@wb/common/http/worker-token-auth';

const DESCRIPTION = `A worker's own API, on \`WORKER_PORT\`: the gateway, the notifier and the staff's tools call it with the worker token. It never faces students: the gateway is the only public server.

Every error is JSON \`{error, details?}\`; a body the route cannot take is a 400 naming the field.`;

/** The worker's OpenAPI document, as served and as `npm run openapi` writes it to docs/openapi-worker.json. */
export function workerOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('wb worker')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addSecurity(WORKER_TOKEN_SCHEME, workerTokenScheme)
    .addTag('worker', 'Running a program now, the labs it holds, its GPU, its state, stopping it, its log.')
    .addTag('operations', 'Health probes, for orchestrators and load balancers.')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
    autoTagControllers: false,
  });
  return stableDocument(withPathParameters(document, { mp_id: "The lab's id, as in its `mp.yaml` (e.g. `vector-add`)." }));
}

/** GET /api/openapi.json and Swagger UI at /api/docs, beside the worker's routes. */
export function installOpenApi(app: INestApplication): void {
  serveOpenApi(app, workerOpenApiDocument(app));
}
