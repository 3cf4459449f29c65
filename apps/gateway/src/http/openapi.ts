import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { errorResponse, OUTAGE, serveOpenApi, stableDocument, withPathParameters } from '@wb/common/http/openapi';
import { WORKER_TOKEN_SCHEME, workerTokenScheme } from '@wb/common/http/worker-token-auth';
import { API_KEY_SCHEME, AUTH_SCHEMES, SESSION_SCHEME } from '../auth/auth-schemes';

/** The groups of routes, in the order a reader meets them. */
const TAGS: [name: string, description: string][] = [
  ['account', 'Signing up, in and out; the API key; course logins (OAuth2, LTI 1.1).'],
  ['labs', 'The labs: what each is, its description, its public datasets.'],
  ['programs', "A student's saved program: the lab page autosaves it, the `wb` client pulls it."],
  ['attempts', "Running a program on a lab's datasets and following the attempt: its result, live events, cancelling it."],
  ['grades', "Grading a program on every dataset, a student's grades, sending a grade to the course."],
  ['downloads', 'The `wb` client and libwb, as this server built them.'],
  ['timing', 'Honest timed runs of a program that passes every dataset, and the leaderboards they make, per lab and device model.'],
  ['staff-grades', "Course staff: a lab's grades as CSV, regrading a lab, overriding a grade."],
  ['staff-runs', 'Course staff: runs without a verdict, cancelling one, undelivered verdicts (dead letters), the audit log.'],
  ['similarity', "Course staff: similarity reports of a lab's programs, and earlier terms' programs to compare with."],
  ['workers', 'The workers: their protocol with the gateway (worker token), and the staff view of them.'],
  ['operations', 'Health and logs, for load balancers and administrators.'],
];

const DESCRIPTION = `The gateway's HTTP API: the routes of the original course site, kept as they were, and the staff and worker routes. A running gateway serves this document at \`/api/openapi.json\` and Swagger UI at \`/api/docs\`.

**Requests and answers.** Bodies are JSON or forms (\`application/x-www-form-urlencoded\`; the similarity import is \`multipart/form-data\`) of at most 2 MB: a larger one is a 413, a body a route cannot take a 400 naming the field. Routes that also serve a page answer \`text/html\` to a request whose \`Accept\` prefers it and JSON otherwise; a form post with such an \`Accept\` is answered with a 303 to the page that shows the result.

**Errors.** Every error is JSON \`{error, details?, retryAfterMs?}\`; a page request gets an error page with the same status. While Postgres or Redis is out of reach, a route that needs them answers 503 with \`Retry-After\`, never a 500.

**Pages.** These serve HTML only and are not described here: the login and signup forms (\`GET /login\`, \`GET /signup\`), the staff pages under \`/admin/\` (workers, dead letters, grades, similarity, the log, and the admin's queue board at \`/admin/queues\`), \`GET /404\`, \`GET /500\`, and the pages' scripts and styles under \`/assets/\`. \`GET /metrics\` answers Prometheus's text format (deploy/README.md).`;

/** The path parameters many routes share, described once. */
const PATH_PARAMETERS: Record<string, string> = {
  mp_id: "The lab's id, as in its `mp.yaml` (e.g. `vector-add`).",
  attempt_id: "The attempt's id (a UUID), as `POST /mp/{mp_id}/submit` answered it.",
  dataset_id: "The dataset's number.",
  grade_id: "The grade's id (a UUID).",
  batch_id: "The regrade's id, as `POST /staff/grades/{mp_id}/regrade` answered it.",
  report_id: "The similarity report's id.",
  pair_id: "The pair's id within the report.",
  term: 'The earlier term, as it was imported (e.g. `fa25`).',
};

/**
 * What every authenticated route answers besides its own errors, whatever decorators it has: 503
 * while the session store (Redis, Postgres) is out of reach, and 403 for a session-authenticated
 * state change from another site (see auth-schemes.ts).
 */
function withAuthenticationAnswers(document: OpenAPIObject): OpenAPIObject {
  const crossSite = 'the request came, with the session, from another site (its `Origin` or `Referer`).';
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      const schemes = new Set(operation?.security?.flatMap((requirement) => Object.keys(requirement)));
      if (!operation || !(schemes.has(SESSION_SCHEME) || schemes.has(API_KEY_SCHEME))) continue;
      operation.responses['503'] ??= errorResponse(OUTAGE, 503);
      if (method === 'get' || !schemes.has(SESSION_SCHEME)) continue;
      const forbidden = operation.responses['403'] as ResponseObject | undefined;
      operation.responses['403'] = forbidden
        ? { ...forbidden, description: `${forbidden.description.replace(/\.$/, '')}, or ${crossSite}` }
        : errorResponse(`${crossSite[0].toUpperCase()}${crossSite.slice(1)}`);
    }
  }
  return document;
}

/** The gateway's OpenAPI document, as served and as `npm run openapi` writes it to docs/openapi.json. */
export function gatewayOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle('wb gateway').setDescription(DESCRIPTION).setVersion('1');
  for (const [name, scheme] of Object.entries(AUTH_SCHEMES)) builder.addSecurity(name, scheme);
  builder.addSecurity(WORKER_TOKEN_SCHEME, workerTokenScheme);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
    autoTagControllers: false,
  });
  return stableDocument(withPathParameters(withAuthenticationAnswers(document), PATH_PARAMETERS));
}

/** GET /api/openapi.json and Swagger UI at /api/docs. */
export function installOpenApi(app: INestApplication): void {
  serveOpenApi(app, gatewayOpenApiDocument(app));
}
