import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * A route that answers a page to a request whose Accept prefers text/html ({@link wantsHtml})
 * and JSON otherwise: its 200 in the OpenAPI document, with both media types.
 */
export function ApiJsonOrPage(page: string, json: { type?: Type<unknown>; description?: string } = {}) {
  const schema = json.type ? { $ref: getSchemaPath(json.type) } : { type: 'object' as const };
  return applyDecorators(
    ...(json.type ? [ApiExtraModels(json.type)] : []),
    ApiOkResponse({
      description: `${json.description ? `${json.description} ` : ''}A browser (Accept: text/html) gets ${page}.`,
      content: { 'application/json': { schema }, 'text/html': { schema: { type: 'string' } } },
    }),
  );
}

/** A route the site's forms post to: a request whose Accept prefers text/html is sent on with a 303. */
export function ApiFormRedirect(to: string) {
  return ApiResponse({ status: 303, description: `A form post (Accept: text/html) is sent to ${to}.` });
}
