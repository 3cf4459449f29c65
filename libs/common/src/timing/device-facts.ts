/**
 * What a timed run ran on, read just before the first run and just after the last: a figure is
 * only comparable with figures from the same model, and only honest if the clocks held still.
 */
export interface DeviceFacts {
  /** "NVIDIA H200", or the CPU's model name on a worker without a GPU. */
  model: string;
  kind: 'gpu' | 'cpu';
  /** The NVIDIA driver; absent for a CPU. */
  driver?: string;
  /** The SM clock in MHz (the CPU's current clock for a CPU, where the kernel reports it). */
  clockMhz?: number;
  temperatureC?: number;
}

/** The query whose output {@link parseNvidiaSmi} reads: one CSV line per GPU, without units. */
export const NVIDIA_SMI_ARGS = ['--query-gpu=name,driver_version,clocks.sm,temperature.gpu', '--format=csv,noheader,nounits'] as const;

/**
 * The first GPU's facts from `nvidia-smi --query-gpu=name,driver_version,clocks.sm,temperature.gpu
 * --format=csv,noheader,nounits`, e.g. "NVIDIA H200, 570.86.15, 1980, 34". A worker runs one job
 * per GPU and its first GPU is the one the box is given; a field nvidia-smi cannot read ("[N/A]")
 * is left out rather than guessed. Undefined when the output names no GPU.
 */
export function parseNvidiaSmi(output: string): DeviceFacts | undefined {
  const line = output.split('\n').find((l) => l.trim() !== '');
  if (!line) return undefined;
  const [name, driver, clock, temperature] = line.split(',').map((f) => f.trim());
  if (!name) return undefined;
  return {
    model: name,
    kind: 'gpu',
    ...(driver && !isNotAvailable(driver) ? { driver } : {}),
    ...optionalNumber('clockMhz', clock),
    ...optionalNumber('temperatureC', temperature),
  };
}

/** A CPU worker's facts from /proc/cpuinfo: the first processor's model name and clock. */
export function parseCpuInfo(cpuinfo: string): DeviceFacts | undefined {
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
  if (!model) return undefined;
  const clock = /^cpu MHz\s*:\s*([0-9.]+)$/m.exec(cpuinfo)?.[1];
  return { model, kind: 'cpu', ...optionalNumber('clockMhz', clock) };
}

function isNotAvailable(field: string): boolean {
  return /^\[?N\/A\]?$/i.test(field) || /not supported/i.test(field);
}

function optionalNumber<K extends string>(key: K, field: string | undefined): Partial<Record<K, number>> {
  if (field === undefined || isNotAvailable(field)) return {};
  const value = Number(field);
  return Number.isFinite(value) && field !== '' ? ({ [key]: value } as Record<K, number>) : {};
}
