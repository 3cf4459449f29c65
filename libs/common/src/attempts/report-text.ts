import { Mismatch, Mismatches, MISMATCHES_LISTED } from '@wb/judge';
import { cappedText, displayableText } from '../text/program-text';
import type { DatasetResult, LibwbLog, LibwbTimer, RunResultsReport } from './attempt-outcome';

/**
 * How much of each kind of text one report keeps. The whole report stays under the gateway's
 * 2 MB body limit whatever the program printed (about 1.9 MB at worst, every character a quote
 * that JSON doubles).
 */
export const REPORT_LIMITS = {
  outputBytes: 256 * 1024,
  /** Each dataset's own output, shared out of the same amount again. */
  datasetOutputBytes: 256 * 1024,
  compilerOutputBytes: 64 * 1024,
  messageBytes: 2 * 1024,
  logMessageBytes: 512,
  timerMessageBytes: 256,
  fileChars: 256,
  kindChars: 32,
  levelChars: 16,
  /** A mismatch's expected and actual values, and where it is (the comparator's are shorter). */
  mismatchChars: 128,
  mismatches: MISMATCHES_LISTED,
  timers: 500,
  logs: 500,
} as const;

/**
 * A report whose every string is safe to store and show ({@link cappedText}), within
 * {@link REPORT_LIMITS}. The worker applies it before sending, and the gateway again before
 * storing, so neither an odd program nor an older worker can make a report unstorable.
 */
export function safeReport(report: RunResultsReport): RunResultsReport {
  const output = report.output === undefined ? undefined : cappedText(report.output, { maxBytes: REPORT_LIMITS.outputBytes });
  const compiler =
    report.compilerOutput === undefined ? undefined : cappedText(report.compilerOutput, { maxBytes: REPORT_LIMITS.compilerOutputBytes });
  return {
    ...report,
    output: output?.text,
    outputBytes: output ? Math.max(report.outputBytes ?? 0, output.bytes) : report.outputBytes,
    compilerOutput: compiler?.text,
    compilerOutputBytes: compiler ? Math.max(report.compilerOutputBytes ?? 0, compiler.bytes) : report.compilerOutputBytes,
    results: report.results?.map((r, _, all) => safeResult(r, Math.floor(REPORT_LIMITS.datasetOutputBytes / all.length))),
    timers: report.timers?.slice(0, REPORT_LIMITS.timers).map(safeTimer),
    logs: report.logs?.slice(0, REPORT_LIMITS.logs).map(safeLog),
  };
}

function safeResult(r: DatasetResult, outputBytes: number): DatasetResult {
  const output = r.output === undefined ? undefined : cappedText(r.output, { maxBytes: outputBytes });
  return {
    ...r,
    message: cappedText(r.message, { maxBytes: REPORT_LIMITS.messageBytes }).text,
    ...(output ? { output: output.text, outputBytes: Math.max(r.outputBytes ?? 0, output.bytes) } : {}),
    ...(r.mismatches ? { mismatches: safeMismatches(r.mismatches) } : {}),
  };
}

function safeMismatches(m: Mismatches): Mismatches {
  const first = m.first.slice(0, REPORT_LIMITS.mismatches).map(safeMismatch);
  return { total: Math.max(m.total, first.length), first };
}

function safeMismatch(m: Mismatch): Mismatch {
  return {
    index: m.index,
    ...(m.where === undefined ? {} : { where: shortText(m.where, REPORT_LIMITS.mismatchChars) }),
    expected: shortText(m.expected, REPORT_LIMITS.mismatchChars),
    actual: shortText(m.actual, REPORT_LIMITS.mismatchChars),
    ...(m.difference === undefined ? {} : { difference: m.difference }),
  };
}

function safeTimer(t: LibwbTimer): LibwbTimer {
  return {
    ...t,
    kind: shortText(t.kind, REPORT_LIMITS.kindChars),
    message: cappedText(t.message, { maxBytes: REPORT_LIMITS.timerMessageBytes }).text,
  };
}

function safeLog(l: LibwbLog): LibwbLog {
  return {
    ...l,
    level: shortText(l.level, REPORT_LIMITS.levelChars),
    message: cappedText(l.message, { maxBytes: REPORT_LIMITS.logMessageBytes }).text,
    file: shortText(l.file, REPORT_LIMITS.fileChars),
  };
}

/** A label (a timer's kind, a log's level, a file name): made safe and cut without a note. */
function shortText(text: string, maxChars: number): string {
  return Array.from(displayableText(text)).slice(0, maxChars).join('');
}
