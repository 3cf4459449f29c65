import { Toolchain, TOOLCHAINS } from '@wb/common';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

/**
 * What this machine can build and run: g++ for C++; g++ plus an OpenCL ICD (PoCL on CPU
 * workers) for OpenCL; nvcc plus a GPU that nvidia-smi can see for CUDA. A GPU-less machine
 * never takes CUDA jobs, so a student's kernel is never run where it cannot work.
 */
export async function detectToolchains(): Promise<DetectedToolchains> {
  const missing: DetectedToolchains['missing'] = {};
  const gxx = await probe('g++', ['--version']);
  const nvcc = await probe('nvcc', ['--version']);
  const gpu = await probe('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader']);
  const icds = existsSync('/etc/OpenCL/vendors') ? readdirSync('/etc/OpenCL/vendors').filter((f) => f.endsWith('.icd')) : [];

  const found: Toolchain[] = [];
  if (gxx.ok) found.push('cpp');
  else missing.cpp = 'g++ is not installed';
  if (gxx.ok && icds.length > 0) found.push('opencl');
  else missing.opencl = 'no OpenCL ICD in /etc/OpenCL/vendors (install pocl-opencl-icd)';
  if (nvcc.ok && gpu.ok && gpu.output.trim()) found.push('cuda');
  else missing.cuda = nvcc.ok ? `no GPU visible (${gpu.output.trim() || 'nvidia-smi failed'})` : 'nvcc is not installed';

  const gpus = gpu.ok ? gpu.output.trim().split('\n').filter(Boolean) : [];
  return { toolchains: found, gpu: gpus[0] ?? null, gpuCount: gpus.length, missing };
}

/**
 * The toolchains to serve: the configured list (every entry must be available here), or all
 * that were detected.
 */
export function chooseToolchains(detected: DetectedToolchains, configured: string | undefined): Toolchain[] {
  if (!configured) return detected.toolchains;
  const wanted = configured.split(',').filter((t): t is Toolchain => (TOOLCHAINS as readonly string[]).includes(t));
  for (const t of wanted) {
    if (!detected.toolchains.includes(t))
      throw new Error(`WORKER_TOOLCHAINS asks for ${t}, but ${detected.missing[t] ?? 'it is unavailable'}`);
  }
  return wanted;
}

async function probe(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(command, args, { timeout: 10_000 });
    return { ok: true, output: stdout };
  } catch (err) {
    return { ok: false, output: (err as Error).message };
  }
}
