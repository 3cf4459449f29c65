import { Injectable } from '@nestjs/common';
import { DeviceFacts, NVIDIA_SMI_ARGS, parseCpuInfo, parseNvidiaSmi } from '@wb/common';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

const UNKNOWN_CPU: DeviceFacts = { model: 'unknown CPU', kind: 'cpu' };

/**
 * What the timed program runs on, read through NVML (`nvidia-smi --query-gpu`) on a GPU worker
 * and from /proc/cpuinfo on a CPU one. Read before the first run and after the last, so a
 * figure taken while the clocks moved is marked.
 */
@Injectable()
export class DeviceReader {
  async read(device: 'cpu' | 'gpu'): Promise<DeviceFacts> {
    if (device === 'gpu') {
      const { stdout } = await run('nvidia-smi', [...NVIDIA_SMI_ARGS], { timeout: 10_000 });
      const facts = parseNvidiaSmi(stdout);
      if (!facts) throw new Error(`nvidia-smi named no GPU: ${JSON.stringify(stdout.slice(0, 200))}`);
      return facts;
    }
    const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
    return parseCpuInfo(cpuinfo) ?? UNKNOWN_CPU;
  }
}
