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

  it('runs an OpenMP program as a team of threads in the box, with the team size the table sets', async () => {
    // Each thread records where its own thread-local storage is: a team that exists only on
    // paper (a serial fallback, threads refused by the box) would show one address.
    const program = `#include <wb.h>
#include <omp.h>
static thread_local int marker;
int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  const int *ids[64] = {0};
  int team = 0;
#pragma omp parallel
  {
    ids[omp_get_thread_num()] = &marker;
#pragma omp single
    team = omp_get_num_threads();
  }
  int distinct = 0;
  for (int i = 0; i < team; i++) {
    bool seen = false;
    for (int j = 0; j < i; j++) seen = seen || ids[j] == ids[i];
    distinct += !seen;
  }
  wbLog(INFO, "team ", team, ", threads ", distinct);
  int length;
  float *input = wbImport(wbArg_getInputFile(args, 0), &length);
  float sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < length; i++) sum += input[i];
  wbSolution(args, &sum, 1);
}
`;
    const res = await api.post('/mp/reduction-openmp/compile', { program, dataset: 0 });
    expect({ status: res.status, verdict: res.body.status }).toEqual({ status: 200, verdict: 'passed' });
    const threads = Number(toolchainSpec('openmp').runEnv.OMP_NUM_THREADS);
    expect(JSON.stringify(res.body)).toContain(`team ${threads}, threads ${threads}`);
  });

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
