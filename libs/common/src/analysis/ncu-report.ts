/**
 * What Nsight Compute measured about a student's kernels, read back from the CSV the worker
 * stored: `ncu --csv --page details --section SpeedOfLight --section Occupancy --section
 * LaunchStats`, one row per (launch, metric) with the columns `"ID"`, `"Kernel Name"`,
 * `"Section Name"`, `"Metric Name"`, `"Metric Unit"`, `"Metric Value"` among others. Columns are
 * found by their header, since ncu versions add and move them; values may carry thousands
 * separators (`"1,024"`).
 *
 * Lines before the header are ncu's and the program's own output (`==PROF== Connected to
 * process`, the program's printing) and are skipped. Where the host forbids the performance
 * counters ncu prints ERR_NVGPUCTRPERM and measures nothing: {@link NcuReport.countersForbidden}.
 *
 * Pure, with no Node or DOM imports: the gateway's pages and the lab page's bundle both use it.
 */

export interface KernelProfile {
  /** ncu's launch id: one kernel launched twice is two profiles. */
  id: string;
  kernel: string;
  /** In microseconds. */
  durationUs?: number;
  /** Percentages of the GPU's peak. */
  achievedOccupancy?: number;
  theoreticalOccupancy?: number;
  memoryThroughput?: number;
  dramThroughput?: number;
  computeThroughput?: number;
  registersPerThread?: number;
  /** Static plus dynamic shared memory per block, in bytes. */
  sharedMemoryPerBlock?: number;
  blockSize?: number;
  gridSize?: number;
}

export interface NcuReport {
  kernels: KernelProfile[];
  /** Launches past the cap, not listed. */
  omitted: number;
  /** ncu could not read the counters: the host's driver allows them to administrators only. */
  countersForbidden: boolean;
}

export const PROFILE_KERNEL_CAP = 20;

/** ncu's line when the driver keeps the counters for administrators (NVreg_RestrictProfilingToAdminUsers). */
export const COUNTERS_FORBIDDEN = /ERR_NVGPUCTRPERM/;

const TIME_UNITS_US: Record<string, number> = {
  nsecond: 1e-3,
  ns: 1e-3,
  usecond: 1,
  us: 1,
  msecond: 1e3,
  ms: 1e3,
  second: 1e6,
  s: 1e6,
};
const BYTE_UNITS: Record<string, number> = {
  'byte/block': 1,
  'Kbyte/block': 1e3,
  'Mbyte/block': 1e6,
  'KB/block': 1e3,
  'Kibyte/block': 1024,
  byte: 1,
  Kbyte: 1e3,
  Kibyte: 1024,
};

/** One CSV line into its fields: ncu quotes every field and doubles a quote inside one. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      fields.push(value);
      i = line.indexOf(',', i) === -1 ? line.length + 1 : line.indexOf(',', i) + 1;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

function numberOf(value: string): number | undefined {
  const n = Number(value.replace(/,/g, ''));
  return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** `(256, 1, 1)` → 256. */
function threadsOf(dims: string | undefined): number | undefined {
  const parts = (dims ?? '').match(/\d+/g);
  return parts && parts.length > 0 ? parts.reduce((product, d) => product * Number(d), 1) : undefined;
}

export function parseNcuReport(text: string): NcuReport {
  const lines = text.split(/\r\n|\r|\n/);
  const countersForbidden = lines.some((line) => COUNTERS_FORBIDDEN.test(line));
  const headerAt = lines.findIndex((line) => line.startsWith('"ID"') && line.includes('"Metric Name"'));
  if (headerAt === -1) return { kernels: [], omitted: 0, countersForbidden };
  const header = csvFields(lines[headerAt]);
  const column = (name: string) => header.indexOf(name);
  const [id, kernel, metric, unit, value, block, grid] = [
    'ID',
    'Kernel Name',
    'Metric Name',
    'Metric Unit',
    'Metric Value',
    'Block Size',
    'Grid Size',
  ].map(column);
  if ([id, kernel, metric, unit, value].includes(-1)) return { kernels: [], omitted: 0, countersForbidden };

  const byId = new Map<string, KernelProfile>();
  let omitted = 0;
  const omittedIds = new Set<string>();
  for (const line of lines.slice(headerAt + 1)) {
    if (!line.startsWith('"')) continue;
    const f = csvFields(line);
    if (f.length < header.length) continue;
    let profile = byId.get(f[id]);
    if (!profile) {
      if (byId.size >= PROFILE_KERNEL_CAP) {
        if (!omittedIds.has(f[id])) omitted++;
        omittedIds.add(f[id]);
        continue;
      }
      profile = {
        id: f[id],
        kernel: f[kernel],
        blockSize: block === -1 ? undefined : threadsOf(f[block]),
        gridSize: grid === -1 ? undefined : threadsOf(f[grid]),
      };
      byId.set(f[id], profile);
    }
    applyMetric(profile, f[metric], f[unit], numberOf(f[value]));
  }
  return { kernels: [...byId.values()], omitted, countersForbidden };
}

function applyMetric(profile: KernelProfile, metric: string, unit: string, n: number | undefined): void {
  if (n === undefined) return;
  switch (metric) {
    case 'Duration':
      if (unit in TIME_UNITS_US) profile.durationUs = n * TIME_UNITS_US[unit];
      break;
    case 'Achieved Occupancy':
      profile.achievedOccupancy = n;
      break;
    case 'Theoretical Occupancy':
      profile.theoreticalOccupancy = n;
      break;
    case 'Memory Throughput':
      // SpeedOfLight also has a `Memory Throughput` in bytes per second in some versions: only the share counts.
      if (unit === '%') profile.memoryThroughput = n;
      break;
    case 'DRAM Throughput':
      if (unit === '%') profile.dramThroughput = n;
      break;
    case 'Compute (SM) Throughput':
    case 'SM [%]':
      profile.computeThroughput = n;
      break;
    case 'Registers Per Thread':
      profile.registersPerThread = n;
      break;
    case 'Static Shared Memory Per Block':
    case 'Dynamic Shared Memory Per Block':
      if (unit in BYTE_UNITS) profile.sharedMemoryPerBlock = (profile.sharedMemoryPerBlock ?? 0) + n * BYTE_UNITS[unit];
      break;
  }
}
