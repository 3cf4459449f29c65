import { AppConfig, SandboxProfile, Toolchain, toolchainSpec } from '@wb/common';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { JobSlots, sandboxUidCount, totalSlots } from '../toolchains/job-slots';

export interface BoxLimits {
  /** RLIMIT_AS in MiB; 0 = none. */
  addressSpaceMb: number;
  /** RLIMIT_DATA in MiB; 0 = none. */
  dataMb: number;
  /** RLIMIT_FSIZE in MiB: no file the program writes grows past it. */
  fileSizeMb: number;
  openFiles: number;
  /** RLIMIT_NPROC: processes and threads of the box's uid, machine-wide (each box has its own uid). */
  processes: number;
  stackMb: number;
  /** Size of the private /tmp (a tmpfs, so host memory). */
  tmpMb: number;
  /**
   * The box's memory in all, where the host has cgroups: private, shared and memfd pages alike.
   * Its tmpfs files (/tmp, /dev/shm, a run's folder) come on top, so they never eat into it.
   */
  memoryMb: number;
  /** Runs: files (inodes) in each of the box's writable tmpfs: /tmp, /dev/shm and the program's folder. */
  files: number;
  /** Cores' worth of CPU time the box may use at once, where the host has cgroups. */
  cpus: number;
}

export interface BoxSandboxOptions {
  /** The wb-sandbox launcher (apps/gpu-worker/sandbox, `make`), which makes each box. */
  launcherPath: string;
  /** wb-box-spawner (built beside it), which starts the launchers so that the worker does not fork itself for each box. */
  spawnerPath: string;
  /**
   * An empty folder of the worker's that each box mounts its own root on, in its own mount
   * namespace: the host never sees those mounts, and no bound path may lie inside it.
   */
  boxRoot: string;
  /** libwb (headers and archives), bound read-only for compiles. */
  libwbPath: string;
  /** For a run whose spec names no profile. */
  defaultProfile: SandboxProfile;
  /**
   * The uids (each with the same gid) programs and compilers run as when the worker is root, one
   * per box running at once (SANDBOX_UID_BASE, SANDBOX_UID_COUNT). They should belong to nothing
   * else on the machine: RLIMIT_NPROC counts all the processes of a uid, and any process of that
   * uid outside the box could touch the files a run leaves. Ignored when the worker is not root
   * (the box's user namespace then runs them as the worker's own uid).
   */
  sandboxIds: { first: number; count: number };
  compile: BoxLimits;
  run: Record<SandboxProfile, BoxLimits>;
  /**
   * How many boxes each run profile keeps made ahead (warm-boxes.ts): a run then waits only for
   * its own part. None for a profile, each of its runs makes its box when it comes: a few
   * milliseconds more per run, and no launcher waiting when there is no run.
   */
  boxesAhead: Partial<Record<SandboxProfile, number>>;
  /** Programs a run may start itself, per profile (PoCL links each kernel with ld). */
  allowExec: Partial<Record<SandboxProfile, string[]>>;
  /** The run profiles this worker serves: a cuda one needs cgroups (shared memory escapes RLIMIT_DATA). */
  profiles: SandboxProfile[];
}

const RUN_BASE: BoxLimits = {
  addressSpaceMb: 1024,
  dataMb: 0,
  // Above any lab's output_bytes (16 MiB by default): a larger file is over the cap anyway.
  fileSizeMb: 64,
  openFiles: 64,
  processes: 64,
  // glibc gives each thread a stack of this size, so it is also the per-thread cost.
  stackMb: 8,
  tmpMb: 16,
  memoryMb: 1024,
  files: 1024,
  cpus: 1,
};

/** Defaults for a worker; the hostile-program suite shrinks them to keep itself fast. */
export function defaultBoxSandboxOptions(
  config: Pick<AppConfig, 'rootDir' | 'libwbPath' | 'SANDBOX_UID_BASE' | 'SANDBOX_UID_COUNT' | 'WORKER_WORK_DIR'>,
  slots: JobSlots = {},
): BoxSandboxOptions {
  // Each box its share of the cores: one box per core by default (job-slots.ts), never less than one.
  const cpus = Math.max(1, Math.floor(availableParallelism() / Math.max(1, totalSlots(slots))));
  const served = Object.keys(slots) as Toolchain[];
  const profiles: SandboxProfile[] =
    served.length > 0 ? [...new Set(served.map((t) => toolchainSpec(t).sandboxProfile))] : ['cpu', 'opencl', 'cuda'];
  const RUN = { ...RUN_BASE, cpus };
  return {
    launcherPath: join(config.rootDir, 'apps', 'gpu-worker', 'sandbox', 'build', 'wb-sandbox'),
    spawnerPath: join(config.rootDir, 'apps', 'gpu-worker', 'sandbox', 'build', 'wb-box-spawner'),
    boxRoot: join(config.WORKER_WORK_DIR, 'box-root'),
    libwbPath: config.libwbPath,
    defaultProfile: 'cpu',
    sandboxIds: { first: config.SANDBOX_UID_BASE, count: sandboxUidCount(slots, config.SANDBOX_UID_COUNT) },
    // cc1plus on a template-heavy file, or nvcc's cicc/ptxas, need room; a bomb must still stop.
    compile: {
      ...RUN,
      addressSpaceMb: 4096,
      memoryMb: 4096,
      fileSizeMb: 256,
      openFiles: 256,
      processes: 128,
      stackMb: 64,
      tmpMb: 256,
    },
    run: {
      cpu: RUN,
      // PoCL maps LLVM and runs the linker: a larger address space, and more threads (one per core).
      opencl: { ...RUN, addressSpaceMb: 4096, memoryMb: 2048, processes: 256 },
      // The CUDA runtime reserves address space far beyond any RLIMIT_AS; RLIMIT_DATA (private
      // writable memory) bounds host allocations instead. test/gpu/check.sh runs the labs under
      // exactly this limit: if a driver needs more, raise it there and here together.
      cuda: { ...RUN, addressSpaceMb: 0, dataMb: 8192, memoryMb: 8192, processes: 256 },
      // compute-sanitizer and ncu run beside the program in its box: the CUDA limits, with room
      // for the tools' own memory (their shadow state) and their temporary files.
      'cuda-sanitizer': { ...RUN, addressSpaceMb: 0, dataMb: 16384, memoryMb: 16384, processes: 256, tmpMb: 256 },
    },
    boxesAhead: Object.fromEntries(profiles.map((profile) => [profile, runSlotsOf(profile, slots)])),
    allowExec: { opencl: ['/usr/bin/ld'] },
    profiles,
  };
}

/** How many runs of a profile the worker's job slots can start at once (at least one). */
function runSlotsOf(profile: SandboxProfile, slots: JobSlots): number {
  const ofProfile = Object.entries(slots).filter(([toolchain]) => toolchainSpec(toolchain as Toolchain).sandboxProfile === profile);
  return Math.max(1, totalSlots(Object.fromEntries(ofProfile)));
}
