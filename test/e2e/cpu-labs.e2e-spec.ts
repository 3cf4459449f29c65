import { loadCatalogue, toolchainSpec } from '@wb/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

/** Every lab a CPU worker can run: those of every CPU toolchain (C++, OpenCL on PoCL, …). */
const CPU_LABS = [...loadCatalogue(join(ROOT, 'mps')).values()].filter((mp) => toolchainSpec(mp.config.toolchain).device === 'cpu');

jest.setTimeout(300_000);

describe('the CPU labs through the real worker pipeline (keyword check, compile, run, compare)', () => {
  let platform: TestPlatform;
  let api: HttpClient;

  beforeAll(async () => {
    platform = await startPlatform();
    const worker = await platform.startWorker(`cpu-labs-${process.pid}`, { WORKER_TOOLCHAINS: 'cpu' });
    api = new HttpClient(worker.url, { authorization: `Bearer ${platform.env.WORKER_TOKEN}` });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('has both a C++ and an OpenCL lab to check', () => {
    expect(CPU_LABS.map((mp) => mp.config.toolchain).sort()).toEqual(expect.arrayContaining(['cpp', 'opencl']));
  });

  it.each(CPU_LABS.map((mp) => [mp.config.id, mp] as const))(
    '%s: the solution passes every public dataset and the template fails',
    async (id, mp) => {
      const program = (file: string) => readFileSync(join(mp.dir, readdirStartingWith(mp.dir, file)), 'utf8');
      const solution = await api.post(`/mp/${id}/compile`, { program: program('solution.'), dataset: -1 });
      expect(solution.status).toBe(200);
      expect({ status: solution.body.status, compilerOutput: solution.body.compilerOutput }).toEqual({
        status: 'passed',
        compilerOutput: expect.any(String),
      });
      expect(solution.body.results).toHaveLength(mp.datasets.filter((d) => !d.hidden).length);
      const template = await api.post(`/mp/${id}/compile`, { program: program('template.'), dataset: -1 });
      expect(template.body.status).toBe('failed');
      expect(template.body.results.every((r: { passed: boolean }) => !r.passed)).toBe(true);
    },
  );

  it('refuses a CUDA lab on a worker without a GPU with 409', async () => {
    const res = await api.post('/mp/vector-add/compile', { program: '', dataset: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/does not serve cuda labs/);
  });
});

function readdirStartingWith(dir: string, prefix: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`${dir} has no ${prefix}* file`);
  return name;
}
