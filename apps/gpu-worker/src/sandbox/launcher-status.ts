import { constants } from 'node:os';

/** The launcher's one-line report of how the program ended (apps/gpu-worker/sandbox/src/outcome.h). */
export interface LauncherStatus {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  memoryLimitHit: boolean;
  cpuLimitHit: boolean;
  /** The program's folder, /tmp or /dev/shm was full when it ended. */
  writeLimitHit: boolean;
  maxRssKb: number;
  cpuMs: number;
  /** The launcher failed before the program could run: the worker's fault, not the student's. */
  error: string | null;
}

/** Number to name; the first name wins, so 6 is SIGABRT and not its alias SIGIOT. */
const SIGNAL_NAMES = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(constants.signals))
  if (!SIGNAL_NAMES.has(number)) SIGNAL_NAMES.set(number, name as NodeJS.Signals);

/** Null when the text is not a complete status line (the launcher was killed before writing it). */
export function parseLauncherStatus(text: string): LauncherStatus | null {
  const line = text.split('\n')[0];
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const exitCode = raw.exitCode;
  const signal = raw.signal;
  if (!(exitCode === null || Number.isInteger(exitCode)) || !(signal === null || Number.isInteger(signal))) return null;
  if ((exitCode === null) === (signal === null)) return null;
  return {
    exitCode: exitCode as number | null,
    signal: signal === null ? null : (SIGNAL_NAMES.get(signal as number) ?? null),
    memoryLimitHit: raw.memoryLimitHit === true,
    cpuLimitHit: raw.cpuLimitHit === true,
    writeLimitHit: raw.writeLimitHit === true,
    maxRssKb: typeof raw.maxRssKb === 'number' ? raw.maxRssKb : 0,
    cpuMs: typeof raw.cpuMs === 'number' ? raw.cpuMs : 0,
    error: typeof raw.error === 'string' ? raw.error : null,
  };
}
