import { isToolchain, Toolchain, TOOLCHAINS, toolchainSpec } from '@wb/common';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DetectedToolchains {
  toolchains: Toolchain[];
  gpu: string | null;
  /** How many GPUs nvidia-smi lists (0 without one). */
  gpuCount: number;
  /** Why a toolchain is missing, for the start-up log. */
  missing: Partial<Record<Toolchain, string>>;
}

/** What the machine has, probed once for every detector. */
interface Machine {
  gxx: Probe;
  nvcc: Probe;
  gpus: string[];
  gpuProblem: string;
  openclIcds: string[];
}

/**
 * Why a toolchain cannot be served on this machine, or null when it can. A GPU-less machine
 * never takes CUDA jobs, so a student's kernel is never run where it cannot work.
 */
const DETECTORS: Record<Toolchain, (machine: Machine) => Promise<string | null>> = {
  cpp: async (m) => (m.gxx.ok ? null : 'g++ is not installed'),
  // PoCL on CPU workers: g++ builds the host program, the ICD finds the OpenCL implementation.
  opencl: async (m) => {
    if (!m.gxx.ok) return 'g++ is not installed';
    return m.openclIcds.length > 0 ? null : 'no OpenCL ICD in /etc/OpenCL/vendors (install pocl-opencl-icd)';
  },
  cuda: async (m) => {
    if (!m.nvcc.ok) return 'nvcc is not installed';
    return m.gpus.length > 0 ? null : `no GPU visible (${m.gpuProblem})`;
  },
  // g++ without libgomp compiles the pragmas away or fails to link: build and run a real team.
  openmp: async (m) => {
    if (!m.gxx.ok) return 'g++ is not installed';
    const team = await buildAndRun('openmp', OPENMP_PROBE);
    return team.ok && team.output.trim() === '2' ? null : `g++ -fopenmp does not build a working program (${team.output.trim()})`;
  },
};

const OPENMP_PROBE = `#include <cstdio>
#include <omp.h>
int main() {
  int team = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  team = omp_get_num_threads();
  std::printf("%d\\n", team);
}
`;

/** What this machine can build and run, each toolchain by its own detector. */
export async function detectToolchains(): Promise<DetectedToolchains> {
  const gpu = await probe('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader']);
  const gpus = gpu.ok ? gpu.output.trim().split('\n').filter(Boolean) : [];
  const machine: Machine = {
    gxx: await probe('g++', ['--version']),
    nvcc: await probe('nvcc', ['--version']),
    gpus,
    gpuProblem: gpu.ok ? 'nvidia-smi lists none' : gpu.output.trim() || 'nvidia-smi failed',
    openclIcds: existsSync('/etc/OpenCL/vendors') ? readdirSync('/etc/OpenCL/vendors').filter((f) => f.endsWith('.icd')) : [],
  };
  const found: Toolchain[] = [];
  const missing: DetectedToolchains['missing'] = {};
  for (const toolchain of TOOLCHAINS) {
    const problem = await DETECTORS[toolchain](machine);
    if (problem === null) found.push(toolchain);
    else missing[toolchain] = problem;
  }
  return { toolchains: found, gpu: gpus[0] ?? null, gpuCount: gpus.length, missing };
}

/**
 * The toolchains to serve: the configured list, or all that were detected. A toolchain named
 * in the list must be available here; `cpu` or `gpu` stands for every detected toolchain of that
 * kind, and at least one must be.
 */
export function chooseToolchains(detected: DetectedToolchains, configured: string | undefined): Toolchain[] {
  if (!configured) return detected.toolchains;
  const wanted = new Set<Toolchain>();
  for (const entry of configured.split(',')) {
    if (entry === 'cpu' || entry === 'gpu') {
      const ofKind = detected.toolchains.filter((t) => toolchainSpec(t).device === entry);
      if (ofKind.length === 0) throw new Error(`WORKER_TOOLCHAINS asks for ${entry} toolchains, but ${kindMissing(detected, entry)}`);
      ofKind.forEach((t) => wanted.add(t));
    } else if (isToolchain(entry)) {
      if (!detected.toolchains.includes(entry))
        throw new Error(`WORKER_TOOLCHAINS asks for ${entry}, but ${detected.missing[entry] ?? 'it is unavailable'}`);
      wanted.add(entry);
    }
  }
  return [...wanted];
}

function kindMissing(detected: DetectedToolchains, device: 'cpu' | 'gpu'): string {
  const reasons = TOOLCHAINS.filter((t) => toolchainSpec(t).device === device).map((t) => `${t}: ${detected.missing[t] ?? 'not detected'}`);
  return `none is available here (${reasons.join('; ')})`;
}

/** Compiles a probe program with the toolchain's compiler and own flags, then runs it. */
async function buildAndRun(toolchain: Toolchain, source: string): Promise<Probe> {
  const spec = toolchainSpec(toolchain);
  const dir = await mkdtemp(join(tmpdir(), `wb-detect-${toolchain}-`));
  try {
    await writeFile(join(dir, spec.sourceFile), source);
    const built = await probe(spec.compiler, [...spec.flags, join(dir, spec.sourceFile), '-o', join(dir, 'probe')]);
    return built.ok ? await probe(join(dir, 'probe'), []) : built;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Probe {
  ok: boolean;
  output: string;
}

async function probe(command: string, args: string[]): Promise<Probe> {
  try {
    const { stdout } = await run(command, args, { timeout: 30_000 });
    return { ok: true, output: stdout };
  } catch (err) {
    return { ok: false, output: (err as Error).message };
  }
}
