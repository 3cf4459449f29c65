import { existsSync, readdirSync } from 'node:fs';
import { AssertionResult, unprivilegedJest } from '../support/unprivileged-jest';
import { CUDA_PROFILE_CASES, hasNvcc } from './support/cuda-profile-cases';
import { REPORT_SABOTAGES } from './support/analysis-reports';
import { eventually, processesOf } from './support/hygiene';
import { loadHostilePrograms, OPENCL_PROGRAMS_DIR, OPENMP_PROGRAMS_DIR } from './support/hostile-programs';

/**
 * The same attack suites, with the worker not root: `deploy/` runs workers as an unprivileged
 * user, where the launcher makes a user namespace and the program runs as the worker's own uid.
 * The suites run again in a jest of their own under such a uid (nothing but a home folder of its
 * own), and every case must pass there exactly as it does here, with nothing of that uid left
 * running afterwards.
 */
const WORKER_UID = 3_990_000 + (process.pid % 1000);
const SUITES = [
  'test/hostile/hostile.e2e-spec.ts',
  'test/hostile/opencl-profile.e2e-spec.ts',
  'test/hostile/openmp-toolchain.e2e-spec.ts',
  'test/hostile/cuda-profile.e2e-spec.ts',
  'test/hostile/unsafe-modes.e2e-spec.ts',
];

jest.setTimeout(600_000);

describe('the hostile programs, worker not root (user namespaces)', () => {
  let results = new Map<string, AssertionResult>();
  let log = '';

  beforeAll(async () => {
    ({ results, log } = await unprivilegedJest(WORKER_UID, ['--selectProjects', 'e2e', '--runInBand', '--runTestsByPath', ...SUITES]));
  });

  const cases = [
    ...loadHostilePrograms().map((p) => `hostile programs ${p.name}`),
    ...REPORT_SABOTAGES.map((s) => `forged and sabotaged analysis reports ${s.name}`),
    ...(existsSync('/etc/OpenCL/vendors') && readdirSync('/etc/OpenCL/vendors').some((f) => f.endsWith('.icd'))
      ? loadHostilePrograms(OPENCL_PROGRAMS_DIR).map((p) => `the opencl profile (PoCL) ${p.name}`)
      : []),
    ...loadHostilePrograms(OPENMP_PROGRAMS_DIR).map((p) => `the openmp toolchain ${p.name}`),
    ...(hasNvcc() ? CUDA_PROFILE_CASES.map((name) => `the cuda profile (no GPU needed) ${name}`) : []),
  ];

  it.each(cases)('%s', (name) => {
    const result = results.get(name);
    if (!result) throw new Error(`the unprivileged run did not report "${name}":\n${log.slice(-3000)}`);
    expect({ name, status: result.status, why: result.failureMessages.join('\n').slice(0, 3000) }).toEqual({
      name,
      status: 'passed',
      why: '',
    });
  });

  it('runs every case of the suites and leaves nothing of the worker uid running', async () => {
    expect([...results.values()].filter((r) => r.status !== 'passed').map((r) => r.fullName)).toEqual([]);
    expect(results.size).toBeGreaterThanOrEqual(cases.length);
    expect(await eventually(() => processesOf([WORKER_UID], ''))).toEqual([]);
  });
});
