import type { LibwbLog, LibwbTimer } from '@wb/common';
import { readProgramFile } from '../sandbox/program-file';

/** The JSON report libwb writes at exit to $WB_REPORT_FILE (see libs/libwb). */
export interface LibwbReport {
  timers: LibwbTimer[];
  logs: LibwbLog[];
  solution: { produced: boolean };
}

const EMPTY: LibwbReport = { timers: [], logs: [], solution: { produced: false } };

/**
 * The program wrote this file, so it is untrusted: a missing, oversized or malformed report
 * means "nothing reported", never a worker error.
 */
export async function readLibwbReport(path: string, maxBytes: number): Promise<LibwbReport> {
  const file = await readProgramFile(path, maxBytes);
  if (file.kind !== 'read') return EMPTY; // sized before reading: a huge report is never loaded
  const text = file.bytes.toString('utf8');
  try {
    const raw = JSON.parse(text) as Partial<LibwbReport>;
    return {
      timers: Array.isArray(raw.timers) ? raw.timers.filter(isTimer) : [],
      logs: Array.isArray(raw.logs) ? raw.logs.filter(isLog) : [],
      solution: { produced: raw.solution?.produced === true },
    };
  } catch {
    return EMPTY;
  }
}

function isTimer(t: unknown): t is LibwbTimer {
  const x = t as LibwbTimer;
  return typeof x?.kind === 'string' && typeof x.message === 'string' && typeof x.elapsedMs === 'number' && Number.isFinite(x.elapsedMs);
}

function isLog(l: unknown): l is LibwbLog {
  const x = l as LibwbLog;
  return typeof x?.level === 'string' && typeof x.message === 'string' && typeof x.file === 'string' && Number.isInteger(x.line);
}
