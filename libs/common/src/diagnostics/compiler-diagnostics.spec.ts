import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOLCHAIN_SPECS } from '../toolchains';
import { displayableText } from '../text';
import {
  columnOffset,
  firstCompilerError,
  OPENCL_KERNEL,
  parseCompilerDiagnostics,
  PROGRAM_FILES,
  sourceReferences,
} from './compiler-diagnostics';

/**
 * Each fixtures/<name>.txt is what the compiler printed for fixtures/<name>.cpp or .cu, compiled
 * as the worker compiles it (saved as program.cpp / program.cu in an empty folder, with the lab
 * flags `-O2 -std=c++17` for g++ and `-O2` for nvcc, libwb's headers and archive, LANG=C.UTF-8);
 * gcc-errors-colour.txt adds `-fdiagnostics-color=always`. pocl-kernel.txt is what
 * fixtures/pocl-kernel.cpp prints: PoCL's build log of a broken kernel, logged as the
 * vector-add-opencl lab logs it. clang-<name>.txt is what clang++ printed for gcc-<name>.cpp,
 * compiled the same way.
 */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.txt`), 'utf8');

describe('parseCompilerDiagnostics', () => {
  it("reads g++'s errors, warnings and notes, past its context lines and source excerpts", () => {
    expect(parseCompilerDiagnostics(fixture('gcc-errors'))).toEqual([
      { file: 'program.cpp', line: 6, column: 2, severity: 'warning', message: '#warning "TODO: unroll the loop" [-Wcpp]' },
      {
        file: 'program.cpp',
        line: 14,
        column: 37,
        severity: 'error',
        message: '‘hostInput2’ was not declared in this scope; did you mean ‘hostInput1’?',
      },
      { file: 'program.cpp', line: 16, column: 8, severity: 'error', message: 'too many arguments to function ‘float scale(float)’' },
      { file: 'program.cpp', line: 5, column: 14, severity: 'note', message: 'declared here' },
      { file: 'program.cpp', line: 17, column: 44, severity: 'error', message: 'expected ‘;’ before ‘return’' },
    ]);
  });

  it('reads the same through terminal colours, raw or as stored, and through CRLF or a lone CR', () => {
    const plain = parseCompilerDiagnostics(fixture('gcc-errors'));
    const coloured = fixture('gcc-errors-colour');
    expect(coloured).toContain('\u001b[01;31m');
    expect(parseCompilerDiagnostics(coloured)).toEqual(plain);
    expect(parseCompilerDiagnostics(displayableText(coloured))).toEqual(plain);
    expect(parseCompilerDiagnostics(fixture('gcc-errors').replace(/\n/g, '\r\n'))).toEqual(plain);
    expect(parseCompilerDiagnostics(fixture('gcc-errors').replace(/\n/g, '\r'))).toEqual(plain);
    expect(parseCompilerDiagnostics(displayableText(fixture('gcc-errors').replace(/\n/g, '\r')))).toEqual(plain);
  });

  it("puts an error in the standard library at the program's line that led to it", () => {
    // g++ names the chain before the error: `program.cpp:9:12:   required from here`.
    const gcc = parseCompilerDiagnostics(fixture('gcc-template'));
    expect(gcc.length).toBeGreaterThan(0);
    for (const d of gcc) expect(d).toMatchObject({ file: 'program.cpp', line: 9, column: 12, severity: 'error' });
    expect(gcc[0].message).toBe('no match for ‘operator<’ (operand types are ‘Point’ and ‘Point’)');
    // nvcc names it after: `instantiation of "void std::sort(…)" at line 9 of program.cu`.
    const nvcc = parseCompilerDiagnostics(fixture('nvcc-template'));
    expect(nvcc).toEqual([{ file: 'program.cu', line: 9, severity: 'error', message: 'no operator "<" matches these operands' }]);
  });

  it("reads clang's errors, warnings and notes about the program", () => {
    expect(parseCompilerDiagnostics(fixture('clang-errors'))).toEqual([
      { file: 'program.cpp', line: 6, column: 2, severity: 'warning', message: '"TODO: unroll the loop" [-W#warnings]' },
      {
        file: 'program.cpp',
        line: 14,
        column: 37,
        severity: 'error',
        message: "use of undeclared identifier 'hostInput2'; did you mean 'hostInput1'?",
      },
      { file: 'program.cpp', line: 11, column: 10, severity: 'note', message: "'hostInput1' declared here" },
      { file: 'program.cpp', line: 16, column: 3, severity: 'error', message: "no matching function for call to 'scale'" },
      {
        file: 'program.cpp',
        line: 5,
        column: 14,
        severity: 'note',
        message: "candidate function not viable: requires single argument 'v', but 2 arguments were provided",
      },
      { file: 'program.cpp', line: 17, column: 44, severity: 'error', message: "expected ';' after expression" },
    ]);
  });

  it("puts clang's error in the standard library at the program's line that led to it, not at its #include", () => {
    // clang names the include chain before the error (`In file included from program.cpp:1:`) and
    // the program's line after it, in a note: `program.cpp:9:8: note: in instantiation of … requested here`.
    const clang = parseCompilerDiagnostics(fixture('clang-template'));
    const errors = clang.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(1);
    for (const d of clang) expect(d).toMatchObject({ file: 'program.cpp', line: 9, column: 8 });
    expect(clang[0]).toEqual({
      file: 'program.cpp',
      line: 9,
      column: 8,
      severity: 'error',
      message: "invalid operands to binary expression ('Point' and 'Point')",
    });
    expect(firstCompilerError(fixture('clang-template'))).toEqual(clang[0]);
  });

  it("puts an error in an included header on the program's #include line", () => {
    expect(parseCompilerDiagnostics(fixture('gcc-include'))).toEqual([
      { file: 'program.cpp', line: 2, column: 17, severity: 'error', message: 'expected identifier before ‘int’' },
      { file: 'program.cpp', line: 3, severity: 'error', message: 'expected unqualified-id before ‘{’ token' },
    ]);
  });

  it("reads a missing header as an error on the program's #include line", () => {
    expect(parseCompilerDiagnostics(fixture('gcc-missing-header'))).toEqual([
      { file: 'program.cpp', line: 2, column: 10, severity: 'error', message: 'kernels.h: No such file or directory' },
    ]);
    expect(parseCompilerDiagnostics(fixture('nvcc-missing-header'))).toEqual([
      { file: 'program.cu', line: 2, column: 10, severity: 'error', message: 'kernels.cuh: No such file or directory' },
    ]);
  });

  it("finds no line in the linker's errors", () => {
    expect(parseCompilerDiagnostics(fixture('gcc-link-error'))).toEqual([]);
    expect(firstCompilerError(fixture('gcc-link-error'))).toBeNull();
  });

  it("reads nvcc's front end, with its warning numbers, once each", () => {
    expect(parseCompilerDiagnostics(fixture('nvcc-errors'))).toEqual([
      { file: 'program.cu', line: 8, severity: 'error', message: 'identifier "j" is undefined' },
      { file: 'program.cu', line: 18, severity: 'error', message: 'expected a ";"' },
    ]);
    // nvcc compiles for the device and for the host, and says some warnings twice.
    expect(parseCompilerDiagnostics(fixture('nvcc-warnings'))).toEqual([
      { file: 'program.cu', line: 12, severity: 'warning', message: 'variable "d" is used before its value is set' },
      { file: 'program.cu', line: 6, severity: 'warning', message: 'variable "unused" was declared but never referenced' },
      { file: 'program.cu', line: 3, severity: 'error', message: 'expression must have class type but it has type "float"' },
    ]);
  });

  it("reads PoCL's build log of an OpenCL kernel, lines counted in the kernel", () => {
    expect(parseCompilerDiagnostics(fixture('pocl-kernel'))).toEqual([
      { file: OPENCL_KERNEL, line: 5, column: 27, severity: 'error', message: "use of undeclared identifier 'j'" },
      { file: OPENCL_KERNEL, line: 8, column: 21, severity: 'error', message: "expected ';' at end of declaration" },
      { file: OPENCL_KERNEL, line: 7, column: 4, severity: 'warning', message: 'check the bounds' },
    ]);
    // clang's own shape, as other OpenCL platforms report a kernel built from a string.
    expect(parseCompilerDiagnostics("<source>:3:5: error: use of undeclared identifier 'x'")).toEqual([
      { file: OPENCL_KERNEL, line: 3, column: 5, severity: 'error', message: "use of undeclared identifier 'x'" },
    ]);
  });

  it('knows the file every toolchain saves a program under', () => {
    for (const spec of Object.values(TOOLCHAIN_SPECS)) expect(PROGRAM_FILES).toContain(spec.sourceFile);
  });

  it('leaves out what is about other files, and takes any bytes without failing', () => {
    expect(parseCompilerDiagnostics('/usr/include/x.h:3:1: error: boom\nwb.h(4): warning: hm\nother.cpp:1:1: error: no')).toEqual([]);
    const noise = displayableText(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(parseCompilerDiagnostics(noise)).toEqual([]);
    const long = `program.cpp:1:1: error: ${'x:'.repeat(50_000)}\n${'error: '.repeat(20_000)}\n${'program.cu('.repeat(20_000)}`;
    expect(parseCompilerDiagnostics(long)).toHaveLength(1);
    expect(parseCompilerDiagnostics('')).toEqual([]);
  });
});

describe('firstCompilerError', () => {
  it('is the first error, not a warning before it', () => {
    expect(firstCompilerError(fixture('gcc-errors'))).toEqual({
      file: 'program.cpp',
      line: 14,
      column: 37,
      severity: 'error',
      message: '‘hostInput2’ was not declared in this scope; did you mean ‘hostInput1’?',
    });
    expect(firstCompilerError(fixture('nvcc-warnings'))?.line).toBe(3);
    expect(firstCompilerError('program.cu(6): warning #177-D: variable "x" was declared but never referenced')).toBeNull();
  });
});

describe('columnOffset', () => {
  it("turns g++'s display columns into offsets, a tab reaching the next multiple of 8", () => {
    const [b, c] = parseCompilerDiagnostics(fixture('gcc-tabs'));
    const lines = readFileSync(join(__dirname, 'fixtures', 'gcc-tabs.cpp'), 'utf8').split('\n');
    expect(lines[b.line - 1][columnOffset(lines[b.line - 1], b.column!)]).toBe('b');
    expect(lines[c.line - 1][columnOffset(lines[c.line - 1], c.column!)]).toBe('c');
    expect(columnOffset('int a = é + b;', 13)).toBe(12);
    expect(columnOffset('ab', 40)).toBe(2);
  });
});

describe('sourceReferences', () => {
  it("finds g++'s, nvcc's and assert's names of a line, and not the linker's", () => {
    const text =
      "program.cpp:26:50: error: x\nprogram.cu(12): warning\nprogram: program.cpp:7: int main(): Assertion `n > 0' failed.\nprogram.cpp:(.text+0x1f): undefined";
    expect(sourceReferences(text).map((r) => [text.slice(r.index, r.index + r.length), r.line, r.column])).toEqual([
      ['program.cpp:26:50', 26, 50],
      ['program.cu(12)', 12, undefined],
      ['program.cpp:7', 7, undefined],
    ]);
  });
});
