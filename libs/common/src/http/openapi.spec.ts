import type { OpenAPIObject } from '@nestjs/swagger';
import { stableDocument, withPathParameters } from './openapi';

const document = (paths: OpenAPIObject['paths'], schemas: Record<string, object> = {}): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});

describe('stableDocument', () => {
  it('orders paths, methods, responses and schemas, whatever order the scan found them in', () => {
    const ok = { description: 'ok' };
    const scanned = document(
      {
        '/b': { post: { responses: { '404': ok, '200': ok } }, get: { responses: { '200': ok } } },
        '/a/{id}': { get: { responses: { '200': ok } } },
        '/a': { delete: { responses: { '204': ok } } },
      },
      { Zeta: { type: 'object' }, Alpha: { type: 'object' } },
    );
    const stable = stableDocument(scanned);
    expect(Object.keys(stable.paths)).toEqual(['/a', '/a/{id}', '/b']);
    expect(Object.keys(stable.paths['/b'])).toEqual(['get', 'post']);
    expect(Object.keys(stable.paths['/b'].post!.responses)).toEqual(['200', '404']);
    expect(Object.keys(stable.components!.schemas!)).toEqual(['Alpha', 'Zeta']);
    expect(JSON.stringify(stableDocument(stable))).toBe(JSON.stringify(stable));
  });

  it("lists an enum's values in one order, the type checker's order of a union being no order", () => {
    const stable = stableDocument(document({}, { Role: { type: 'string', enum: ['student', 'admin', 'staff'] } }));
    expect(stable.components!.schemas!.Role).toEqual({ type: 'string', enum: ['admin', 'staff', 'student'] });
  });
});

describe('withPathParameters', () => {
  it('describes the path parameters that have no description of their own', () => {
    const parameter = (name: string, description?: string) => ({ name, in: 'path' as const, required: true, description });
    const described = withPathParameters(
      document({ '/mp/{mp_id}/x/{other}': { get: { parameters: [parameter('mp_id'), parameter('other', 'its own')], responses: {} } } }),
      { mp_id: 'the lab', other: 'not this' },
    );
    expect(described.paths['/mp/{mp_id}/x/{other}'].get!.parameters).toEqual([
      parameter('mp_id', 'the lab'),
      parameter('other', 'its own'),
    ]);
  });
});
