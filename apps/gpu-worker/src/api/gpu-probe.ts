import { Injectable } from '@nestjs/common';
import { AppConfig, GpuAliveAnswer, METRICS, servesGpu } from '@wb/common';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WorkerDescription } from '../registration/registration.service';

const run = promisify(execFile);
const PROBE_TIMEOUT_MS = 10_000;

/** A kernel that writes a value the host checks: proves the driver, the device and a launch work. */
const PROBE_SOURCE = `#include <cstdio>
#include <cuda_runtime.h>
__global__ void probe(int *out) { *out = 408; }
int main() {
  cudaDeviceProp prop;
  if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) { std::printf("no device\\n"); return 1; }
  int *d = nullptr, h = 0;
  if (cudaMalloc(&d, sizeof(int)) != cudaSuccess) { std::printf("cudaMalloc failed\\n"); return 1; }
  probe<<<1, 1>>>(d);
  cudaError_t e = cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(d);
  if (e != cudaSuccess || h != 408) { std::printf("kernel failed: %s\\n", cudaGetErrorString(e)); return 1; }
  std::printf("%s\\n", prop.name);
  return 0;
}
`;

/** `GET /is_gpu_alive`: a tiny kernel with a timeout (or the configured probe command). */
@Injectable()
export class GpuProbe {
  private binary?: Promise<string>;

  constructor(
    private readonly config: AppConfig,
    private readonly description: WorkerDescription,
  ) {}

  /** Whether this worker has a GPU to check: it serves a GPU toolchain, or has a probe command of its own. */
  get hasGpuCheck(): boolean {
    return Boolean(this.config.GPU_PROBE_COMMAND) || servesGpu(this.description.toolchains);
  }

  async probe(): Promise<GpuAliveAnswer> {
    const answer = await this.run();
    // Only a worker with a GPU check has a GPU to speak of; another's answer is "none here".
    if (this.hasGpuCheck) METRICS.gpuUp.set({ gpu: this.description.gpu ?? 'unknown' }, answer.alive ? 1 : 0);
    return answer;
  }

  private async run(): Promise<GpuAliveAnswer> {
    const started = performance.now();
    try {
      if (this.config.GPU_PROBE_COMMAND) {
        const { stdout } = await run('/bin/sh', ['-c', this.config.GPU_PROBE_COMMAND], { timeout: PROBE_TIMEOUT_MS });
        return { alive: true, device: stdout.trim().split('\n')[0] || 'probe command', ms: elapsed(started) };
      }
      if (!servesGpu(this.description.toolchains)) return { alive: false, reason: 'this worker has no GPU (it serves no GPU toolchain)' };
      const { stdout } = await run(await this.probeBinary(), [], { timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL' });
      return { alive: true, device: stdout.trim(), ms: elapsed(started) };
    } catch (err) {
      const e = err as { killed?: boolean; stdout?: string; message: string };
      return { alive: false, reason: e.killed ? `the probe took longer than ${PROBE_TIMEOUT_MS / 1000} s` : e.stdout?.trim() || e.message };
    }
  }

  /** Compiled once per worker start; a failed compile is retried on the next probe. */
  private probeBinary(): Promise<string> {
    this.binary ??= (async () => {
      const dir = join(this.config.WORKER_WORK_DIR, 'gpu-probe');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(join(dir, 'probe.cu'), PROBE_SOURCE);
      await run('nvcc', ['-O2', join(dir, 'probe.cu'), '-o', join(dir, 'probe')], { timeout: 120_000 });
      return join(dir, 'probe');
    })().catch((err) => {
      this.binary = undefined;
      throw err;
    });
    return this.binary;
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
