/**
 * What `compute-sanitizer --tool memcheck|racecheck|synccheck` printed about a student's program,
 * read back into one record per distinct error. The worker stores the tool's text as printed
 * (capped); this runs where it is shown, as compiler-diagnostics.ts does for compilerOutput, so a
 * better reading applies to reports already stored.
 *
 * The tool prefixes each of its lines with `=========` and indents an error's details by five
 * more spaces under its headline:
 *
 *     ========= Invalid __global__ write of size 4 bytes
 *     =========     at vecAdd(float *, float *, float *, int)+0x70 in /box/program.cu:12
 *     =========     by thread (256,0,0) in block (3,0,0)
 *     =========     Address 0x7f3a5e000400 is out of bounds
 *
 * racecheck names two places in one headline and its continuation (`Error: Race reported between
 * Write access at … in /box/program.cu:25` / `and Read access at … in /box/program.cu:30 [992
 * hazards]`). A program compiled with `-lineinfo` gets `file:line`; without it only the kernel and
 * its offset. Lines without the prefix are the program's own output and are skipped, as is
 * anything the tool prints that is not an error (banner, host backtraces, summaries).
 *
 * Pure, with no Node or DOM imports: the gateway's pages and the lab page's bundle both use it.
 */

export type SanitizerTool = 'memcheck' | 'racecheck' | 'synccheck';

export interface SanitizerError {
  /** The headline's kind, without its sizes and addresses: `Invalid __global__ write`, `Race (Write / Read)`. */
  kind: string;
  /** The headline as printed (the first occurrence's). */
  message: string;
  /** The program's file, without the box's folder (`program.cu`); absent for an API error or without -lineinfo. */
  file?: string;
  /** 1-based; with file. */
  line?: number;
  /** For racecheck: the second access's line (in the same file). */
  otherLine?: number;
  /** The kernel's signature as the tool names it. */
  kernel?: string;
  /** The first occurrence's thread and block, `(256,0,0)`. */
  thread?: string;
  block?: string;
  /** The tool's further detail lines for the first occurrence (`Address 0x… is out of bounds`), capped. */
  details: string[];
  /** How many times this (kind, file, line) was reported; racecheck's `[n hazards]` add up. */
  count: number;
}

export interface SanitizerReport {
  /** Distinct errors in the order first seen, at most {@link SANITIZER_ERROR_CAP}. */
  errors: SanitizerError[];
  /** Distinct errors past the cap, not listed. */
  omitted: number;
  /** The tool's own `ERROR SUMMARY: n errors` counts added up (one per tool run); absent when no run got that far. */
  summaryCount?: number;
}

export const SANITIZER_ERROR_CAP = 50;
const DETAIL_CAP = 4;

const PREFIX = /^=+ ?(.*)$/;
const DETAIL = /^\s{2,}(.*)$/;
/** `at kernel(args)+0x70 in /box/program.cu:12`, or older `at 0x70 in /box/program.cu:12:kernel(args)`. */
const AT_NEW = /^(?:at|and \w+ access at) (.+?)\+0x[0-9a-f]+ in (.+?):(\d+)(?:\s|$)/i;
const AT_OLD = /^(?:at|and \w+ access at) 0x[0-9a-f]+ in (.+?):(\d+):(.+?)(?:\s\[|$)/i;
const AT_NO_LINE = /^at (.+?)\+0x[0-9a-f]+(?:\s|$)/i;
const BY_THREAD = /^by thread (\(\d+,\d+,\d+\)) in block (\(\d+,\d+,\d+\))/;
const RACE = /^(Error|Warning): Race reported between (\w+) access at (.*?) and (\w+) access at (.*)$/;
const RACE_FIRST = /^(Error|Warning): Race reported between (\w+) access at (.*)$/;
const RACE_SECOND = /^and (\w+) access at (.*)$/;
const HAZARDS = /\[(\d+) hazards?\]/;
const ERROR_SUMMARY = /^ERROR SUMMARY: (\d+) errors?/;
/** The tool's own lines that are not errors. */
const NOT_AN_ERROR =
  /^(COMPUTE-SANITIZER|ERROR SUMMARY|RACECHECK SUMMARY|LEAK SUMMARY|Saved host backtrace|Host Frame|Target application returned|Error: process didn't terminate|No CUDA-capable|Internal Sanitizer Error|$)/;

/** The kind from a headline: sizes, addresses and counts are per occurrence, not per error. */
function kindOf(headline: string): string {
  return headline
    .replace(/ of size \d+ bytes?/, '')
    .replace(/ due to ".*"/, '')
    .replace(/ on CUDA API call to .*$/, '')
    .replace(/\s*\(error \d+\)/, '')
    .replace(/\.$/, '')
    .trim();
}

/** `/tmp/box/run/program.cu` → `program.cu`: the student knows the file by its own name. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Place {
  kernel?: string;
  file?: string;
  line?: number;
}

function placeOf(text: string): Place | undefined {
  const nu = AT_NEW.exec(text);
  if (nu) return { kernel: nu[1], file: baseName(nu[2]), line: Number(nu[3]) };
  const old = AT_OLD.exec(text);
  if (old) return { kernel: old[3].trim(), file: baseName(old[1]), line: Number(old[2]) };
  const bare = AT_NO_LINE.exec(text);
  return bare ? { kernel: bare[1] } : undefined;
}

export function parseSanitizerReport(text: string): SanitizerReport {
  const byKey = new Map<string, SanitizerError>();
  let omitted = 0;
  let summaryCount: number | undefined;
  let current: SanitizerError | undefined;
  /** Whether the current headline's details still belong to its first occurrence. */
  let first = false;
  let placed = false;

  const finish = () => {
    if (!current) return;
    const key = `${current.kind}\u0000${current.file ?? ''}\u0000${current.line ?? current.kernel ?? ''}`;
    const seen = byKey.get(key);
    if (seen) seen.count += current.count;
    else if (byKey.size < SANITIZER_ERROR_CAP) byKey.set(key, current);
    else omitted++;
    current = undefined;
  };

  for (const raw of text.split(/\r\n|\r|\n/)) {
    const prefixed = PREFIX.exec(raw);
    if (!prefixed) continue;
    const rest = prefixed[1];
    const detail = DETAIL.exec(rest);
    if (!detail) {
      const summary = ERROR_SUMMARY.exec(rest.trim());
      // One summary per tool run: a check of a program with shared memory runs three.
      if (summary) summaryCount = (summaryCount ?? 0) + Number(summary[1]);
      if (NOT_AN_ERROR.test(rest.trim())) {
        // A blank prefixed line ends an error's block; summaries and banners end it too.
        finish();
        continue;
      }
      finish();
      const headline = rest.trim();
      const race = RACE.exec(headline) ?? RACE_FIRST.exec(headline);
      current = {
        // racecheck's second access may come on the next line: `?` until it does.
        kind: race ? `Race (${race[2]} / ?)` : kindOf(headline),
        message: headline,
        details: [],
        count: 1,
      };
      placed = false;
      first = true;
      if (race) {
        const place = placeOf(`at ${race[3]}`);
        if (place) Object.assign(current, place);
        placed = !!place;
        if (RACE.test(headline)) {
          const other = placeOf(`at ${race[5]}`);
          if (other?.line !== undefined && other.file === current.file) current.otherLine = other.line;
          current.kind = `Race (${race[2]} / ${race[4]})`;
        }
        const hazards = HAZARDS.exec(headline);
        if (hazards) current.count = Number(hazards[1]);
      }
      continue;
    }
    if (!current || !first) continue;
    const line = detail[1].trim();
    if (/^(Saved host backtrace|Host Frame)/.test(line)) {
      // The host side of the launch: nothing the student can act on more than file:line.
      first = false;
      continue;
    }
    const second = RACE_SECOND.exec(line);
    if (second && current.kind.startsWith('Race (')) {
      current.kind = current.kind.replace('?', second[1]);
      const other = placeOf(`at ${second[2]}`);
      if (other?.line !== undefined && (current.file === undefined || other.file === current.file)) current.otherLine = other.line;
      const hazards = HAZARDS.exec(line);
      if (hazards) current.count = Number(hazards[1]);
      continue;
    }
    const thread = BY_THREAD.exec(line);
    if (thread) {
      current.thread = thread[1];
      current.block = thread[2];
      continue;
    }
    if (!placed) {
      const place = placeOf(line);
      if (place) {
        Object.assign(current, place);
        placed = true;
        continue;
      }
    }
    if (current.details.length < DETAIL_CAP) current.details.push(line);
  }
  finish();
  return { errors: [...byKey.values()], omitted, summaryCount };
}
