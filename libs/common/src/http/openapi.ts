import { applyDecorators, INestApplication } from '@nestjs/common';
import {
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  OpenAPIObject,
  ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';

/** Where each HTTP app serves its own OpenAPI document, and Swagger UI reading it. */
export const OPENAPI_JSON_PATH = '/api/openapi.json';
export const OPENAPI_UI_PATH = '/api/docs';

export class ValidationDetail {
  @ApiProperty({ description: 'The field, dotted for a nested one (`results.0.status`).' })
  field!: string;

  @ApiProperty()
  message!: string;
}

/** {@link ApiErrorBody} as the OpenAPI documents describe it. */
export class ApiErrorResponse {
  @ApiProperty({ description: 'What went wrong, as a sentence for a person; a 400 names the field.' })
  error!: string;

  @ApiPropertyOptional({ type: [ValidationDetail], description: 'A refused body: every problem, field by field.' })
  details?: ValidationDetail[];

  @ApiPropertyOptional({ description: 'How long to wait before asking again (429, 503); `Retry-After` says it in seconds.' })
  retryAfterMs?: number;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 502 | 503;

/** What a 503 means on every route that needs Postgres or Redis. */
export const OUTAGE = 'Postgres or Redis is out of reach for a moment: wait `Retry-After` seconds and ask again.';

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer' as const } } };

/** An error response as {@link ApiErrors} writes it, for a document completed after the scan. */
export function errorResponse(description: string, status?: ErrorStatus): ResponseObject {
  return {
    description,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponse) } } },
  };
}

/**
 * The error answers of a route, each with when it happens; every one has the body
 * {@link ApiErrorResponse}. On a class, they hold for each of its routes.
 */
export function ApiErrors(errors: Partial<Record<ErrorStatus, string>>): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        type: ApiErrorResponse,
        ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}

/** Describes the path parameters that have no description of their own, by name. */
export function withPathParameters(document: OpenAPIObject, descriptions: Record<string, string>): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      for (const parameter of operation?.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && !parameter.description && descriptions[parameter.name]) {
          parameter.description = descriptions[parameter.name];
        }
      }
    }
  }
  return document;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Code-point order, the same on every machine whatever its locale. */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(byKey));
}

/**
 * The document with its paths, methods, responses and schemas in a fixed order: the scan follows
 * the modules' import order, so without this a moved import would change the checked-in copy.
 */
export function stableDocument(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths)
      .sort(byKey)
      .map(([path, item]) => [
        path,
        Object.fromEntries(
          Object.entries(item)
            .sort(byKey)
            .map(([key, value]) => [key, METHODS.has(key) ? { ...value, responses: sorted(value.responses) } : value]),
        ),
      ]),
  );
  const schemas = document.components?.schemas;
  return withSortedEnums({ ...document, paths, components: { ...document.components, ...(schemas ? { schemas: sorted(schemas) } : {}) } });
}

/** The compiler plugin lists a union type's members in the type checker's order, which other files can change. */
function withSortedEnums<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withSortedEnums) as T;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === 'enum' && Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value].sort() : withSortedEnums(value),
    ]),
  ) as T;
}

/**
 * Serves the document at {@link OPENAPI_JSON_PATH} and Swagger UI at {@link OPENAPI_UI_PATH},
 * public like the routes' own list in the repository. The UI's scripts and styles come from the
 * swagger-ui-dist package on this server: nothing is loaded from a CDN.
 */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: document.info.title,
    // Swagger UI would otherwise show a badge fetched from validator.swagger.io.
    swaggerOptions: { validatorUrl: null },
  });
}

/** For the `print-openapi` entries of `npm run openapi`: the document as the checked-in file holds it. */
export function openApiText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
