import { join } from 'node:path';

/**
 * The launcher's seccomp whitelists for student programs (apps/gpu-worker/sandbox/src/profiles.c,
 * described in apps/gpu-worker/sandbox/README.md). A new profile is new C code; a new toolchain
 * usually reuses one. `cuda-sanitizer` is no toolchain's: the CUDA analysis runs (compute-sanitizer,
 * ncu) use it (analysis-actions.ts).
 */
export type SandboxProfile = 'cpu' | 'opencl' | 'cuda' | 'cuda-sanitizer';

/** Everything the platform knows about one way of building and running a student's program. */
export interface ToolchainSpec {
  /** How a student would name it (lab pages, the staff's worker list). */
  readonly displayName: string;
  /** A word or two for the labs list's badge; GPU toolchains get a "needs a GPU" badge besides. */
  readonly badge: string;
  /** Its run queue: a worker consumes only the queues of the toolchains it has. */
  readonly queue: string;
  /** Its timing queue: one timed run at a time per worker, so a figure is taken with nothing beside it. */
  readonly timingQueue: string;
  /** 'gpu': one job per GPU, the worker is probed by running a kernel, and only GPU workers serve it. */
  readonly device: 'cpu' | 'gpu';
  /** The file a program is saved under before compiling; the compiler picks the language from it. */
  readonly sourceFile: string;
  readonly compiler: string;
  /** The toolchain's own flags, after the lab's (which choose the standard and optimisation). */
  readonly flags: readonly string[];
  /**
   * The toolchain's own headers a program may include besides the C and C++ standard ones and
   * libwb's (the keyword check's default list, libs/judge/src/keywords/allowed-headers.ts).
   */
  readonly headers: readonly string[];
  /** Under libwb's build folder: CUDA programs link the build whose timers synchronize the device. */
  readonly libwbArchive: string;
  /** Linked after libwb. */
  readonly libraries: readonly string[];
  /** The syscall whitelist its programs run under. */
  readonly sandboxProfile: SandboxProfile;
  /** Set in the box of every run, besides PATH, LANG and libwb's report file. */
  readonly runEnv: Readonly<Record<string, string>>;
  /** Added to the verdict of a program that crashed (SIGSEGV, SIGABRT, SIGBUS): what usually caused it here. */
  readonly crashHint?: string;
}

/** C99's `restrict`, which C++ lacks and programs of the original course use; g++ knows `__restrict`. */
const C99_RESTRICT = '-Drestrict=__restrict';

/**
 * Every toolchain. Adding one here gives it a run queue, a consumer on the workers that detect it
 * (apps/gpu-worker/src/toolchains/toolchain-detector.ts), a place on the notifier's watch list,
 * a name on the pages, a build recipe for the `wb` client and mps-check, and `toolchain: <id>`
 * in mp.yaml.
 */
export const TOOLCHAIN_SPECS = {
  cpp: {
    displayName: 'C++',
    badge: 'C++',
    queue: 'run-cpu',
    timingQueue: 'time-cpu',
    device: 'cpu',
    sourceFile: 'program.cpp',
    compiler: 'g++',
    flags: [C99_RESTRICT],
    headers: [],
    libwbArchive: 'libwb.a',
    libraries: ['-lm'],
    sandboxProfile: 'cpu',
    runEnv: {},
  },
  // PoCL on CPU workers: OpenCL kernels compile at run time, on the worker's cores.
  opencl: {
    displayName: 'OpenCL',
    badge: 'OpenCL',
    queue: 'run-opencl',
    timingQueue: 'time-opencl',
    device: 'cpu',
    sourceFile: 'program.cpp',
    compiler: 'g++',
    // wb.h then includes <CL/cl.h>, as the original's did for its OpenCL lab.
    flags: [C99_RESTRICT, '-DWB_USE_OPENCL'],
    headers: ['CL/cl.h', 'CL/opencl.h', 'CL/cl_platform.h', 'CL/cl_ext.h'],
    libwbArchive: 'libwb.a',
    libraries: ['-lOpenCL', '-lm'],
    sandboxProfile: 'opencl',
    runEnv: {},
    // PoCL runs kernels on the CPU inside the program's own process, so a kernel writing past a
    // buffer tramples the host program's heap, and the crash comes later, in host code.
    crashHint:
      "with OpenCL on a CPU device an out-of-bounds write in a kernel corrupts the host program's memory: check your kernel's index bounds (if (i < len))",
  },
  cuda: {
    displayName: 'CUDA, on a GPU worker',
    badge: 'CUDA',
    queue: 'run-cuda',
    timingQueue: 'time-cuda',
    device: 'gpu',
    sourceFile: 'program.cu',
    compiler: 'nvcc',
    flags: [],
    // nvcc includes cuda_runtime.h itself; programs of the original course include it anyway,
    // and Visual Studio's wizard added device_launch_parameters.h.
    headers: [
      'cuda.h',
      'cuda_runtime.h',
      'cuda_runtime_api.h',
      'device_launch_parameters.h',
      'device_functions.h',
      'cuda_fp16.h',
      'math_constants.h',
      'vector_types.h',
    ],
    libwbArchive: 'libwb_cuda.a',
    libraries: ['-lm'],
    sandboxProfile: 'cuda',
    runEnv: {},
  },
  // libgomp's threads are ordinary threads: the cpu whitelist already allows them. A fixed team
  // size makes a run the same on every worker, whatever its core count; the box's CPU share
  // still bounds what the team may use, so threads that wait sleep rather than spin on it.
  openmp: {
    displayName: 'C++ with OpenMP',
    badge: 'OpenMP',
    queue: 'run-openmp',
    timingQueue: 'time-openmp',
    device: 'cpu',
    sourceFile: 'program.cpp',
    compiler: 'g++',
    flags: [C99_RESTRICT, '-fopenmp'],
    headers: ['omp.h'],
    libwbArchive: 'libwb.a',
    libraries: ['-lm'],
    sandboxProfile: 'cpu',
    runEnv: { OMP_NUM_THREADS: '4', OMP_WAIT_POLICY: 'passive' },
  },
} as const satisfies Record<string, ToolchainSpec>;

export type Toolchain = keyof typeof TOOLCHAIN_SPECS;

export const TOOLCHAINS = Object.keys(TOOLCHAIN_SPECS) as Toolchain[];

export type RunQueueName = (typeof TOOLCHAIN_SPECS)[Toolchain]['queue'];

export type TimingQueueName = (typeof TOOLCHAIN_SPECS)[Toolchain]['timingQueue'];

/** Every timing queue (`performance:` labs' timed runs). */
export const TIMING_QUEUES = TOOLCHAINS.map((t) => TOOLCHAIN_SPECS[t].timingQueue);

/** Every run queue, for the apps that produce to or watch all of them. */
export const RUN_QUEUES = TOOLCHAINS.map((t) => TOOLCHAIN_SPECS[t].queue);

export function toolchainSpec<T extends Toolchain>(toolchain: T): (typeof TOOLCHAIN_SPECS)[T] {
  return TOOLCHAIN_SPECS[toolchain];
}

export function isToolchain(value: unknown): value is Toolchain {
  return typeof value === 'string' && Object.hasOwn(TOOLCHAIN_SPECS, value);
}

/** The toolchain's word on a crashed program (ToolchainSpec.crashHint), if it has one. */
export function crashHint(toolchain: Toolchain): string | undefined {
  const spec: ToolchainSpec = TOOLCHAIN_SPECS[toolchain];
  return spec.crashHint;
}

/** Whether any of these toolchains runs on a GPU: such a worker is probed by running a kernel. */
export function servesGpu(toolchains: readonly string[]): boolean {
  return toolchains.some((t) => isToolchain(t) && TOOLCHAIN_SPECS[t].device === 'gpu');
}

/**
 * How a program is built against libwb, the same on a worker, in mps-check and in the `wb`
 * client: the lab's flags first, the toolchain's own, libwb's headers, the program, then libwb
 * and the toolchain's libraries last (the linker resolves left to right).
 */
export function compileArgs(
  toolchain: Toolchain,
  paths: { libwb: string; source: string; binary: string },
  labFlags: readonly string[],
): { command: string; args: string[] } {
  const spec = TOOLCHAIN_SPECS[toolchain];
  return {
    command: spec.compiler,
    args: [
      ...labFlags,
      ...spec.flags,
      `-I${join(paths.libwb, 'include')}`,
      paths.source,
      '-o',
      paths.binary,
      libwbArchivePath(toolchain, paths.libwb),
      ...spec.libraries,
    ],
  };
}

export function libwbArchivePath(toolchain: Toolchain, libwbPath: string): string {
  return join(libwbPath, 'build', TOOLCHAIN_SPECS[toolchain].libwbArchive);
}
