import { chooseToolchains, DetectedToolchains, detectToolchains } from './toolchain-detector';

const cpuMachine: DetectedToolchains = {
  toolchains: ['cpp', 'opencl', 'openmp'],
  gpu: null,
  gpuCount: 0,
  missing: { cuda: 'no GPU visible (nvidia-smi failed)' },
};

describe('chooseToolchains', () => {
  it('serves what was detected when nothing is configured', () => {
    expect(chooseToolchains(cpuMachine, undefined)).toEqual(['cpp', 'opencl', 'openmp']);
  });

  it('serves the configured toolchains, each of which must be here', () => {
    expect(chooseToolchains(cpuMachine, 'openmp,cpp')).toEqual(['openmp', 'cpp']);
    expect(() => chooseToolchains(cpuMachine, 'cpp,cuda')).toThrow(
      'WORKER_TOOLCHAINS asks for cuda, but no GPU visible (nvidia-smi failed)',
    );
  });

  it('reads cpu and gpu as every detected toolchain of that kind', () => {
    expect(chooseToolchains(cpuMachine, 'cpu')).toEqual(['cpp', 'opencl', 'openmp']);
    expect(chooseToolchains({ ...cpuMachine, toolchains: ['cpp', 'cuda'], gpu: 'H100', gpuCount: 1 }, 'gpu')).toEqual(['cuda']);
    expect(() => chooseToolchains(cpuMachine, 'gpu')).toThrow(
      'WORKER_TOOLCHAINS asks for gpu toolchains, but none is available here (cuda: no GPU visible (nvidia-smi failed))',
    );
  });
});

describe('detectToolchains on this machine', () => {
  it('finds OpenMP by building and running a team of two threads', async () => {
    const detected = await detectToolchains();
    // Developer and CI machines have g++ with libgomp (build-essential) and no GPU.
    expect(detected.toolchains).toEqual(expect.arrayContaining(['cpp', 'openmp']));
    expect(detected.missing.openmp).toBeUndefined();
  }, 60_000);
});
