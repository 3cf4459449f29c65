import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, SecuritySchemeObject } from '@nestjs/swagger';
import { ApiErrors } from './openapi';
import { WorkerTokenGuard } from './worker-token.guard';

/** The worker token's security scheme, by this name in the gateway's and the worker's documents. */
export const WORKER_TOKEN_SCHEME = 'workerToken';

export const workerTokenScheme: SecuritySchemeObject = {
  type: 'http',
  scheme: 'bearer',
  description: "The platform's shared `WORKER_TOKEN`: workers on the gateway, the gateway and the notifier on a worker.",
};

/** A route for the platform's own processes, `Authorization: Bearer <WORKER_TOKEN>`, documented as such. */
export const WorkerTokenAuth = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseGuards(WorkerTokenGuard),
    ApiBearerAuth(WORKER_TOKEN_SCHEME),
    ApiErrors({ 401: 'The worker token is missing or wrong.' }),
  );
