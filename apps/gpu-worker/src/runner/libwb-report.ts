import type { LibwbLog, LibwbTimer } from '@wb/common';
import { readFile } from 'node:fs/promises';

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
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.length > maxBytes) return EMPTY;
    text = buffer.toString('utf8');
  } catch {
    return EMPTY;
  }
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
