import { childrenOfThisProcess, eventually, processesOf } from './support/hygiene';
import { loadHostilePrograms, OPENMP_PROGRAMS_DIR } from './support/hostile-programs';
import { HostileWorker } from './support/hostile-worker';

/**
 * The openmp toolchain: built with -fopenmp, run under the cpu profile with the table's team
 * size in its environment. A team must work, and a team must not get further than one thread
 * would: past the box's process limit, past its time, or out of it through fork.
 */
const programs = loadHostilePrograms(OPENMP_PROGRAMS_DIR);

describe('the openmp toolchain', () => {
  let worker: HostileWorker;

  beforeAll(() => {
    worker = new HostileWorker('openmp');
  }, 120_000);

  afterAll(() => worker?.close());

  it.each(programs.map((p) => [p.name, p] as const))(
    '%s',
    async (_name, program) => {
      const result = await worker.attempt(program.name, program.source);
      const seen = `${result.message}\n${result.output.slice(0, 2000)}`;
      expect({ verdict: result.verdict, seen }).toEqual({ verdict: program.expected[0], seen });
      expect(await eventually(() => processesOf(worker.uids, worker.scratch, worker.waitingBoxes))).toEqual([]);
      expect(await eventually(() => childrenOfThisProcess(worker.waitingBoxes))).toEqual([]);
    },
    60_000,
  );
});
