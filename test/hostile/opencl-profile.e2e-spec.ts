import { existsSync, readdirSync } from 'node:fs';
import { childrenOfThisProcess, eventually, processesOf } from './support/hygiene';
import { loadHostilePrograms, OPENCL_PROGRAMS_DIR } from './support/hostile-programs';
import { HostileWorker } from './support/hostile-worker';

/**
 * The opencl profile against PoCL, the CPU OpenCL the CPU workers use: a real kernel build
 * (LLVM in the process, then /usr/bin/ld through posix_spawn) must pass, and spawning anything
 * else must still be refused. OpenCL is optional on a machine (the worker serves it only when
 * an ICD is installed), so without one this suite says so and checks nothing.
 */
const hasOpencl = existsSync('/etc/OpenCL/vendors') && readdirSync('/etc/OpenCL/vendors').some((f) => f.endsWith('.icd'));
const programs = loadHostilePrograms(OPENCL_PROGRAMS_DIR);

(hasOpencl ? describe : describe.skip)('the opencl profile (PoCL)', () => {
  let worker: HostileWorker;

  beforeAll(() => {
    worker = new HostileWorker('opencl');
  }, 120_000);

  afterAll(() => worker?.close());

  it.each(programs.map((p) => [p.name, p] as const))(
    '%s',
    async (_name, program) => {
      const result = await worker.attempt(program.name, program.source);
      const seen = `${result.message}\n${result.output.slice(0, 2000)}`;
      expect({ verdict: result.verdict, seen }).toEqual({ verdict: program.expected[0], seen });
      expect(result.output).not.toContain('ESCAPED');
      expect(await eventually(() => processesOf(worker.uids, worker.scratch, worker.waitingBoxes))).toEqual([]);
      expect(await eventually(() => childrenOfThisProcess(worker.waitingBoxes))).toEqual([]);
    },
    60_000,
  );
});

if (!hasOpencl)
  console.warn('no OpenCL ICD in /etc/OpenCL/vendors (apt-get install pocl-opencl-icd): the opencl profile is not tested here');
