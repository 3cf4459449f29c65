/**
 * The compiler's messages about a student's program, read back from the text the worker stored
 * (an attempt's `compilerOutput`, or a kernel build log a program printed): g++ and nvcc's
 * host compiler (`program.cpp:26:50: error: …`), nvcc's front end (`program.cu(26): error: …`,
 * `program.cu(12): warning #177-D: …`) and clang as PoCL runs it for an OpenCL kernel
 * (`error: /…/pocl/kcache/tempfile_Ab12.cl:5:27: …`, or clang's own `<source>:5:27: error: …`).
 *
 * Pure, with no Node or DOM imports: the gateway's pages and the lab page's bundle both use it.
 * The text may hold anything a compiler printed about any source: terminal colours (raw, or as
 * the ␛ that program-text.ts shows them as), CRLF, invalid bytes. A line that is not a
 * diagnostic is skipped, never an error.
 */

export type DiagnosticSeverity = 'error' | 'warning' | 'note';

export interface CompilerDiagnostic {
  /** One of {@link PROGRAM_FILES}, or {@link OPENCL_KERNEL}. */
  file: string;
  /** 1-based. */
  line: number;
  /**
   * 1-based, as the compiler counts: g++ in display columns (a tab reaches the next multiple of
   * 8; see {@link columnOffset}), clang in bytes. nvcc's front end gives none.
   */
  column?: number;
  severity: DiagnosticSeverity;
  message: string;
}

/**
 * The names the worker saves a program under before compiling (TOOLCHAIN_SPECS' `sourceFile`):
 * `program.cpp` for g++ (C++, OpenCL's host code, OpenMP), `program.cu` for nvcc. Only
 * diagnostics about these files (or the OpenCL kernel) are kept: a header's own errors say little
 * to a student unless they point back into the program, as below.
 */
export const PROGRAM_FILES: readonly string[] = ['program.cpp', 'program.cu'];

/**
 * An OpenCL kernel, built at run time from a string in the program: its lines count from the
 * string's first line, not the program's.
 */
export const OPENCL_KERNEL = '<kernel>';

/** Terminal colours and erasures, as the compiler wrote them or as program-text.ts shows ESC. */
const TERMINAL_ESCAPES = /(?:\u001b|\u241b)\[[0-9;]*[A-Za-z]/g;

/** g++ and clang: `file:line[:column]: severity: message`. */
const GCC_STYLE =
  /^([^:\s][^:]*):(\d+)(?::(\d+))?: (fatal error|error|warning|note|remark|internal compiler error|sorry, unimplemented): ?(.*)$/;
/** nvcc's front end: `file(line): severity[ #number[-D]]: message`. */
const NVCC_STYLE = /^([^()\s][^()]*)\((\d+)\): (catastrophic error|error|warning|note|remark)(?: #[\w-]+)?: ?(.*)$/;
/** PoCL's build log: `severity: /path/kernel.cl:line:column: message`, possibly after the program's own words. */
const POCL_STYLE = /(?:^|\s)(fatal error|error|warning|note): ([^:\s]+\.cl|<source>):(\d+):(\d+): ?(.*)$/;

/** g++ names where the program led to the next diagnostic: its instantiation chain and its include chain. */
const GCC_REQUIRED_FROM = /^([^:\s][^:]*):(\d+):(\d+):\s{2,}\S/;
const GCC_INCLUDED_FROM = /^(?:In file included|\s+) from ([^:]+):(\d+)(?::(\d+))?[:,]$/;
/** nvcc names it after the diagnostic: `instantiation of "…" at line 9 of program.cu`. */
const NVCC_AT_LINE = /\bat line (\d+) of (.+?)\s*$/;
/** clang names it after the diagnostic too, in a note: `program.cpp:9:8: note: in instantiation of … requested here`. */
const CLANG_INSTANTIATION = /^in instantiation of .* requested here$/;

const SEVERITIES: Record<string, DiagnosticSeverity> = {
  'fatal error': 'error',
  error: 'error',
  'catastrophic error': 'error',
  'internal compiler error': 'error',
  'sorry, unimplemented': 'error',
  warning: 'warning',
  note: 'note',
  remark: 'note',
};

interface Place {
  file: string;
  line: number;
  column?: number;
}

interface Header extends Place {
  severity: DiagnosticSeverity;
  message: string;
}

function place(file: string, line: string, column?: string): Place {
  return column === undefined ? { file, line: Number(line) } : { file, line: Number(line), column: Number(column) };
}

/** A diagnostic's first line, about any file. */
function header(line: string): Header | null {
  let m = GCC_STYLE.exec(line);
  if (m) return { ...place(m[1], m[2], m[3]), severity: SEVERITIES[m[4]], message: m[5].trim() };
  m = NVCC_STYLE.exec(line);
  if (m) return { ...place(m[1], m[2]), severity: SEVERITIES[m[3]], message: m[4].trim() };
  m = POCL_STYLE.exec(line);
  if (m) return { ...place(m[2], m[3], m[4]), severity: SEVERITIES[m[1]], message: m[5].trim() };
  return null;
}

/** The file as the student knows it, or null for a file that is not theirs (a header, the linker's objects). */
function studentFile(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (PROGRAM_FILES.includes(name)) return name;
  return path === '<source>' || name.endsWith('.cl') ? OPENCL_KERNEL : null;
}

/** The place in the program (not the kernel) that a context line names, or null. */
function programPlace(file: string, line: string, column?: string): Place | null {
  const name = studentFile(file);
  return name && name !== OPENCL_KERNEL ? place(name, line, column) : null;
}

function gccContext(pattern: RegExp, line: string): Place | null {
  const m = pattern.exec(line);
  return m && programPlace(m[1], m[2], m[3]);
}

function nvccContext(line: string): Place | null {
  const m = NVCC_AT_LINE.exec(line);
  return m && programPlace(m[2], m[1]);
}

/**
 * Every diagnostic about the student's program, in the compiler's order, each once (nvcc and
 * PoCL repeat some). An error or warning inside a header or the standard library is kept, with
 * the header's message, at the program's line that led to it: g++ names that line before the
 * diagnostic (`program.cpp:9:12:   required from here`), nvcc and clang after it (`… at line 9
 * of program.cu`, `program.cpp:9:8: note: in instantiation of … requested here`); failing
 * those, at the include chain's `from program.cpp:1:`, which both g++ and clang print before it.
 * Anything else about other files (the linker's `program.cpp:(.text+0x1f)` included) is left out.
 */
export function parseCompilerDiagnostics(output: string): CompilerDiagnostic[] {
  const found: CompilerDiagnostic[] = [];
  const seen = new Set<string>();
  const keep = (at: Place, severity: DiagnosticSeverity, message: string) => {
    const diagnostic: CompilerDiagnostic = { ...at, severity, message };
    const key = JSON.stringify(diagnostic);
    if (seen.has(key)) return;
    seen.add(key);
    found.push(diagnostic);
  };
  // g++'s and clang's context for the next diagnostic: the innermost program line of each chain.
  let requiredFrom: Place | null = null;
  let includedFrom: Place | null = null;
  // A diagnostic about another file, until a line after it names the program's line, and where
  // it goes when none does: clang leaves out an instantiation chain it has just printed, so the
  // last one it printed, else the #include that led into that file, if any.
  let awaiting: { diagnostic: Header; fallback: Place | null } | null = null;
  let lastInstantiation: Place | null = null;
  const settle = (at: Place | null) => {
    const where = at ?? awaiting?.fallback;
    if (awaiting && where) keep(where, awaiting.diagnostic.severity, awaiting.diagnostic.message);
    awaiting = null;
  };
  // A carriage return may also be one that program-text.ts made visible (␍).
  for (const line of output.replace(TERMINAL_ESCAPES, '').split(/\r\n|\r|\n|\u240d\n?/)) {
    const diagnostic = header(line);
    if (diagnostic) {
      const file = studentFile(diagnostic.file);
      const context = { requiredFrom, includedFrom };
      requiredFrom = includedFrom = null;
      // A note belongs to the diagnostic before it; nvcc's come before that one's context. The
      // first note about the program settles a diagnostic awaiting its line: at the note's
      // place if it is clang's instantiation, else where it goes when no line is named.
      if (diagnostic.severity === 'note') {
        const instantiation = file && file !== OPENCL_KERNEL && CLANG_INSTANTIATION.test(diagnostic.message);
        if (instantiation) lastInstantiation = { file, line: diagnostic.line, column: diagnostic.column };
        if (file) settle(instantiation ? lastInstantiation : null);
      } else settle(null);
      if (file) keep({ ...diagnostic, file }, diagnostic.severity, diagnostic.message);
      if (diagnostic.severity === 'note' || file) continue;
      if (context.requiredFrom) keep(context.requiredFrom, diagnostic.severity, diagnostic.message);
      else awaiting = { diagnostic, fallback: lastInstantiation ?? context.includedFrom };
      continue;
    }
    const later = awaiting && nvccContext(line);
    if (later) settle(later);
    requiredFrom = requiredFrom ?? gccContext(GCC_REQUIRED_FROM, line);
    includedFrom = includedFrom ?? gccContext(GCC_INCLUDED_FROM, line);
  }
  settle(null);
  return found;
}

/** The first error about the program, for a one-line summary of a failed compile. */
export function firstCompilerError(output: string): CompilerDiagnostic | null {
  return parseCompilerDiagnostics(output).find((d) => d.severity === 'error') ?? null;
}

/**
 * The offset in `lineText` of g++'s 1-based `column`, which counts display columns: a tab moves
 * to the next multiple of 8, any other character (code point) takes one. Past the line's end,
 * its end.
 */
export function columnOffset(lineText: string, column: number): number {
  let shown = 1;
  let offset = 0;
  for (const char of lineText) {
    if (shown >= column) break;
    shown = char === '\t' ? shown + 8 - ((shown - 1) % 8) : shown + 1;
    offset += char.length;
  }
  return offset;
}

/** A place in the program named in a compiler's or the program's output. */
export interface SourceReference {
  /** Where the name starts in the text, and how long it is. */
  index: number;
  length: number;
  line: number;
  column?: number;
}

const SOURCE_REFERENCE = new RegExp(
  `\\b(?:${PROGRAM_FILES.map((f) => f.replace('.', '\\.')).join('|')})(?::(\\d+)(?::(\\d+))?|\\((\\d+)\\))`,
  'g',
);

/**
 * Every `program.cpp:26:50`, `program.cpp:26` (an assert's message) and `program.cu(26)` in a
 * text, to link each to its line; the linker's `program.cpp:(.text+0x1f)` names no line.
 */
export function sourceReferences(text: string): SourceReference[] {
  return Array.from(text.matchAll(SOURCE_REFERENCE), (m) => ({
    index: m.index!,
    length: m[0].length,
    line: Number(m[1] ?? m[3]),
    ...(m[2] ? { column: Number(m[2]) } : {}),
  }));
}
