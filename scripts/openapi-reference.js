'use strict';
// docs/api.md, the HTTP API for people: rendered from the gateway's and the worker's OpenAPI
// documents by `npm run openapi`, so it says what the code says. Plain Node, no dependencies.

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n+\s*/g, ' ');

function schemaName(ref) {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function typeOf(schema, document) {
  if (!schema) return '';
  if (schema.$ref) return `\`${schemaName(schema.$ref)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (schema.type === 'array') return `${typeOf(schema.items, document)}[]`;
  if (schema.format === 'binary') return 'file';
  return schema.format ? `${schema.type} (${schema.format})` : (schema.type ?? '');
}

/** What the validation allows beyond the type, as the DTO's decorators say it. */
function constraints(schema) {
  const said = [];
  if (schema.pattern) said.push(`matching \`${schema.pattern}\``);
  if (schema.minLength !== undefined) said.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) said.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) said.push(`from ${schema.minimum}`);
  if (schema.maximum !== undefined) said.push(`to ${schema.maximum}`);
  if (schema.minItems !== undefined) said.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) said.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) said.push(`default ${schema.default}`);
  return said.length ? `, ${said.join(', ')}` : '';
}

/** A schema's fields as a table: what a body takes or an answer holds. */
function fieldsTable(schema, document) {
  const resolved = schema?.$ref ? document.components.schemas[schemaName(schema.$ref)] : schema;
  const properties = Object.entries(resolved?.properties ?? {});
  if (!properties.length) return [];
  const required = new Set(resolved.required ?? []);
  return [
    '| field | type | |',
    '| --- | --- | --- |',
    ...properties.map(
      ([name, p]) =>
        `| \`${name}\`${required.has(name) ? '' : ' (optional)'} | ${cell(typeOf(p, document))}${p.nullable ? ' or null' : ''}${cell(constraints(p))} | ${cell(p.description)} |`,
    ),
    '',
  ];
}

function authOf(operation) {
  if (!operation.security?.length) return 'none (public)';
  return operation.security
    .flatMap((requirement) => Object.keys(requirement))
    .map((name) => ({ session: 'session cookie', apiKey: 'API key', workerToken: 'worker token' })[name] ?? name)
    .join(' or ');
}

function operationSection(method, path, operation, document) {
  const lines = [`#### \`${method.toUpperCase()} ${path}\``, '', `${operation.summary ?? ''}.`, ''];
  if (operation.description) lines.push(operation.description, '');
  lines.push(`Auth: ${authOf(operation)}.`, '');
  const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  for (const p of parameters) {
    const what = `${typeOf(p.schema, document)}${constraints(p.schema ?? {})}`;
    lines.push(`Query \`${p.name}\`${p.required ? '' : ' (optional)'}: ${what}${p.description ? `. ${p.description}` : ''}`, '');
  }
  const body = operation.requestBody?.content;
  if (body) {
    const [type, { schema }] = Object.entries(body)[0];
    lines.push(`Body (${Object.keys(body).map((t) => `\`${t}\``).join(', ')}):`, '');
    if (type.startsWith('application/json') || type === 'multipart/form-data') lines.push(...fieldsTable(schema, document));
  }
  lines.push('| status | when |', '| --- | --- |');
  for (const [status, response] of Object.entries(operation.responses)) {
    const json = response.content?.['application/json']?.schema;
    const shape = json?.$ref && schemaName(json.$ref) !== 'ApiErrorResponse' ? ` (\`${schemaName(json.$ref)}\`)` : '';
    lines.push(`| ${status} | ${cell(response.description)}${shape} |`);
  }
  lines.push('');
  return lines;
}

function apiSection(title, document) {
  const lines = [`## ${title}`, '', document.info.description, '', '### Authentication', '', '| scheme | how |', '| --- | --- |'];
  for (const [name, scheme] of Object.entries(document.components.securitySchemes ?? {})) lines.push(`| \`${name}\` | ${cell(scheme.description)} |`);
  lines.push('');
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, operation: item[m] })),
  );
  const tags = [...(document.tags ?? []).map((t) => t.name), ...new Set(operations.flatMap((o) => o.operation.tags ?? []))];
  for (const tag of new Set(tags)) {
    const tagged = operations.filter((o) => (o.operation.tags ?? []).includes(tag));
    if (!tagged.length) continue;
    const description = document.tags?.find((t) => t.name === tag)?.description;
    lines.push(`### ${tag}`, '', ...(description ? [description, ''] : []));
    for (const { path, method, operation } of tagged) lines.push(...operationSection(method, path, operation, document));
  }
  const schemas = Object.entries(document.components.schemas ?? {}).filter(([name]) => name !== 'ApiErrorResponse');
  if (schemas.length) {
    lines.push('### Shapes', '');
    for (const [name, schema] of schemas) lines.push(`#### \`${name}\``, '', ...fieldsTable(schema, document));
  }
  return lines;
}

/** The whole of docs/api.md. */
function apiReference(gateway, worker) {
  return [
    '# The HTTP API',
    '',
    '<!-- Generated by `npm run openapi` from docs/openapi.json and docs/openapi-worker.json: change the routes\' decorators, not this file. -->',
    '',
    'Every route of the gateway and of a worker, by group: what it does, who may call it, what it takes and what it answers, each',
    'status with when it happens. The same in OpenAPI 3: [openapi.json](openapi.json) (the gateway) and',
    '[openapi-worker.json](openapi-worker.json) (a worker), served by each running app at `/api/openapi.json`, with Swagger UI at',
    '`/api/docs`.',
    '',
    ...apiSection('The gateway', gateway),
    ...apiSection('A worker', worker),
  ].join('\n').replace(/\n*$/, '\n');
}

module.exports = { apiReference };
