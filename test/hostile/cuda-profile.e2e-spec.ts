import { childrenOfThisProcess, eventually, processesOf } from './support/hygiene';
import { CUDA_PROFILE_CASES, hasNvcc } from './support/cuda-profile-cases';
import { loadHostilePrograms } from './support/hostile-programs';
import { HostileWorker } from './support/hostile-worker';

/**
 * The cuda profile's memory limits, which need no GPU to test: the profile bounds host memory
 * with RLIMIT_DATA (the CUDA runtime reserves far more address space than RLIMIT_AS could
 * allow), which counts neither shared mappings nor memfds. The box's memory cgroup must, so
 * these programs, built with nvcc as a CUDA lab builds them, get the same verdicts as under the
 * cpu profile. Everything that needs the device itself is in test/gpu/check.sh.
 */
const programs = loadHostilePrograms().filter((p) => CUDA_PROFILE_CASES.includes(p.name));

(hasNvcc() ? describe : describe.skip)('the cuda profile (no GPU needed)', () => {
  let worker: HostileWorker;

  beforeAll(() => {
    worker = new HostileWorker('cuda');
  }, 120_000);

  afterAll(() => worker?.close());

  it('runs every case it names', () => expect(programs.map((p) => p.name).sort()).toEqual([...CUDA_PROFILE_CASES].sort()));

  it.each(programs.map((p) => [p.name, p] as const))(
    '%s',
    async (_name, program) => {
      const result = await worker.attempt(program.name, program.source);
      const seen = `${result.message}\n${result.output.slice(0, 2000)}`;
      const wanted = program.expected.includes(result.verdict) ? result.verdict : program.expected.join(' or ');
      expect({ verdict: result.verdict, seen }).toEqual({ verdict: wanted, seen });
      expect(await eventually(() => processesOf(worker.uids, worker.scratch, worker.waitingBoxes))).toEqual([]);
      expect(await eventually(() => childrenOfThisProcess(worker.waitingBoxes))).toEqual([]);
    },
    120_000,
  );
});

if (!hasNvcc()) console.warn('no nvcc on PATH: the cuda profile is not tested here');
