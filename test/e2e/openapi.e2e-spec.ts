import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

jest.setTimeout(120_000);

const checkedIn = (file: string) => JSON.parse(readFileSync(join(ROOT, 'docs', file), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of a document, with its method and path. */
function operations(document: any): { method: string; path: string; operation: any }[] {
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] })),
  );
}

describe('the OpenAPI documents', () => {
  it('in docs/ are what the built apps produce (openapi.json, openapi-worker.json, api.md)', () => {
    // The same script as `npm run openapi`, writing nothing: it names each stale file.
    const check = spawnSync(process.execPath, [join('scripts', 'openapi.js'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    if (check.status !== 0) throw new Error(check.stderr || `scripts/openapi.js --check exited with ${check.status}`);
  });

  it('describe every route: a summary, a group the document declares, and its answers', () => {
    for (const document of [checkedIn('openapi.json'), checkedIn('openapi-worker.json')]) {
      const declared = new Set(document.tags.map((t: { name: string }) => t.name));
      const undescribed = operations(document)
        .filter(({ operation }) => !operation.summary || !operation.tags?.length || !operation.tags.every((t: string) => declared.has(t)))
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
      // A new route needs @ApiTags (one of the document's tags) and @ApiOperation({ summary }).
      expect(undescribed).toEqual([]);
      for (const { operation } of operations(document)) {
        for (const response of Object.values<any>(operation.responses)) expect(response.description).toBeTruthy();
      }
    }
  });

  it("say what the gateway's routes take, answer and need", () => {
    const document = checkedIn('openapi.json');
    const save = document.paths['/mp/{mp_id}/save'].post;
    expect(Object.keys(save.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '503']));
    expect(save.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SaveProgramDto' });
    const body = document.components.schemas.SaveProgramDto;
    expect(Object.keys(body.properties)).toEqual(['program', 'revision']);
    expect(body.required).toEqual(['program']);
    expect(body.properties.revision).toMatchObject({ type: 'number', minimum: 0 });
    expect(save.security).toEqual([{ session: [] }, { apiKey: [] }]);

    const submit = document.paths['/mp/{mp_id}/submit'].post;
    expect(Object.keys(submit.responses)).toEqual(['202', '303', '400', '401', '403', '404', '413', '429', '503']);
    expect(submit.responses['429'].headers['Retry-After']).toBeDefined();

    // Session only, staff only, worker token only, public.
    expect(document.paths['/whoami/api_key'].post.security).toEqual([{ session: [] }]);
    expect(document.paths['/staff/runs'].get.security).toEqual([{ session: [] }]);
    expect(document.paths['/staff/runs'].get.responses['403'].description).toMatch(/staff or admin role/);
    expect(document.paths['/mp/{mp_id}/run_results'].post.security).toEqual([{ workerToken: [] }]);
    expect(document.paths['/signup'].post.security).toBeUndefined();
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'wb_session' });

    // The pages are left out; a route that is also a page says so.
    expect(Object.keys(document.paths).filter((p) => p.startsWith('/admin') || p === '/404' || p === '/500')).toEqual([]);
    expect(document.paths['/login'].get).toBeUndefined();
    expect(Object.keys(document.paths['/mp/{mp_id}'].get.responses['200'].content)).toEqual(['application/json', 'text/html']);
  });

  it('say that every route of a worker but its health probes needs the worker token', () => {
    const document = checkedIn('openapi-worker.json');
    const open = operations(document).filter(
      ({ operation }) => JSON.stringify(operation.security) !== JSON.stringify([{ workerToken: [] }]),
    );
    expect(open.map(({ method, path }) => `${method} ${path}`).filter((route) => !route.startsWith('get /healthz'))).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/mp/{mp_id}/compile', '/status', '/stop']));
  });
});

describe('a running gateway and worker', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({}, { grader: false });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('serve the documents in docs/ at /api/openapi.json, to anybody', async () => {
    const gateway = await platform.client().get('/api/openapi.json');
    expect(gateway.status).toBe(200);
    expect(gateway.body).toEqual(checkedIn('openapi.json'));
    const worker = await new HttpClient(platform.workers[0].url).get('/api/openapi.json');
    expect(worker.status).toBe(200);
    expect(worker.body).toEqual(checkedIn('openapi-worker.json'));
  });

  it.each([
    ['gateway', () => platform.baseUrl],
    ['worker', () => platform.workers[0].url],
  ])("serve Swagger UI at /api/docs from the %s's own files, nothing from another site", async (_, base) => {
    const page = await fetch(`${base()}/api/docs`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const loaded = [...html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]);
    expect(loaded).toEqual(
      expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js$/), expect.stringMatching(/swagger-ui\.css$/)]),
    );
    for (const url of loaded) {
      expect(url).not.toMatch(/^(?:[a-z]+:)?\/\//i);
      const asset = await fetch(new URL(url, `${base()}/api/docs`));
      expect([url, asset.status]).toEqual([url, 200]);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    // Swagger UI would otherwise fetch a badge from validator.swagger.io.
    const init = await (await fetch(`${base()}/api/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"validatorUrl": null');
  });
});
