import { compileArgs, isToolchain, RUN_QUEUES, servesGpu, TOOLCHAIN_SPECS, TOOLCHAINS, toolchainSpec } from './toolchain-specs';

describe('the toolchain table', () => {
  it('gives every toolchain its own run queue', () => {
    expect(new Set(RUN_QUEUES).size).toBe(TOOLCHAINS.length);
    expect(RUN_QUEUES).toContain('run-cpu');
  });

  it('builds a program as the worker always has: lab flags, own flags, headers, source, libwb, libraries', () => {
    const paths = { libwb: '/opt/libwb', source: 'program.cpp', binary: 'program' };
    expect(compileArgs('openmp', paths, ['-O2', '-std=c++17'])).toEqual({
      command: 'g++',
      args: [
        '-O2',
        '-std=c++17',
        '-Drestrict=__restrict',
        '-fopenmp',
        '-I/opt/libwb/include',
        'program.cpp',
        '-o',
        'program',
        '/opt/libwb/build/libwb.a',
        '-lm',
      ],
    });
    expect(compileArgs('opencl', paths, [])).toEqual({
      command: 'g++',
      args: [
        '-Drestrict=__restrict',
        '-DWB_USE_OPENCL',
        '-I/opt/libwb/include',
        'program.cpp',
        '-o',
        'program',
        '/opt/libwb/build/libwb.a',
        '-lOpenCL',
        '-lm',
      ],
    });
    expect(compileArgs('cuda', { ...paths, source: 'program.cu' }, ['-O3']).args).toEqual([
      '-O3',
      '-I/opt/libwb/include',
      'program.cu',
      '-o',
      'program',
      '/opt/libwb/build/libwb_cuda.a',
      '-lm',
    ]);
  });

  it('knows its own toolchains and nothing an object inherits', () => {
    for (const t of TOOLCHAINS) expect(isToolchain(t)).toBe(true);
    for (const other of ['constructor', '__proto__', 'toString', 'CUDA', '', 'cpu', undefined, 3]) expect(isToolchain(other)).toBe(false);
  });

  it('tells a GPU worker by what it serves', () => {
    expect(servesGpu(['cpp', 'cuda'])).toBe(true);
    expect(servesGpu(['cpp', 'opencl', 'openmp'])).toBe(false);
    expect(servesGpu(['a-toolchain-of-a-newer-worker'])).toBe(false);
  });

  it('names a source file whose extension the compiler understands, and a profile the box has', () => {
    for (const t of TOOLCHAINS) {
      expect(toolchainSpec(t).sourceFile).toMatch(/^program\.(cpp|cu)$/);
      expect(['cpu', 'opencl', 'cuda']).toContain(TOOLCHAIN_SPECS[t].sandboxProfile);
    }
  });
});
