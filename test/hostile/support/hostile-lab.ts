import { AppConfig, loadMp, Mp, Toolchain, toolchainSpec } from '@wb/common';
import { join } from 'node:path';
import { BoxSandboxOptions, defaultBoxSandboxOptions } from '../../../apps/gpu-worker/src/sandbox/box-sandbox-options';

/**
 * The real C++ vector-addition lab (its dataset 0, the inputs bound into the box, the expected
 * output compared outside), with limits small enough that every bomb ends within seconds.
 */
export function hostileLab(root: string, toolchain: Toolchain = 'cpp'): Mp {
  const lab = loadMp(join(root, 'mps', 'vector-add-cpp'), 'vector-add-cpp');
  // PoCL compiles and links each kernel at run time: seconds, not milliseconds, on a busy machine.
  // A CUDA program's memory cases fill a few hundred MiB of shared memory, which takes this
  // machine's page faults about a second before the box's memory is full.
  // The memory cases fill 256 MiB by page faults, a fraction of a second alone but more than a
  // second while another test file has the cores: they must meet the memory limit, not the clock.
  const run_s = ({ opencl: 20, cuda: 5 } as Partial<Record<Toolchain, number>>)[toolchain] ?? 3;
  // nvcc takes 2 to 3 s of CPU for a lab program alone, and much longer while other test files
  // share the machine's cores; no case of the cuda profile is about the compile's time.
  const compile_s = toolchain === 'cuda' ? 60 : 4;
  return {
    ...lab,
    config: { ...lab.config, toolchain, limits: { ...lab.config.limits, compile_s, run_s, output_bytes: 1 << 20 } },
    datasets: lab.datasets.filter((d) => d.id === 0),
  } as Mp;
}

/**
 * The worker's defaults with the memory, file and /tmp sizes scaled down for speed. The default
 * profile follows the lab's toolchain, for a DatasetRunner that does not name one itself.
 */
export function hostileSandboxOptions(config: AppConfig, toolchain: Toolchain = 'cpp'): BoxSandboxOptions {
  const defaults = defaultBoxSandboxOptions(config);
  const small = { memoryMb: 256, fileSizeMb: 8, tmpMb: 16 };
  return {
    ...defaults,
    defaultProfile: toolchainSpec(toolchain).sandboxProfile,
    compile: { ...defaults.compile, addressSpaceMb: 1024 },
    run: {
      ...defaults.run,
      cpu: { ...defaults.run.cpu, ...small, addressSpaceMb: 256 },
      // The CUDA runtime's limit is RLIMIT_DATA, which shared memory and memfds escape.
      cuda: { ...defaults.run.cuda, ...small, dataMb: 256 },
    },
  };
}
