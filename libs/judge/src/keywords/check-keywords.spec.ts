import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkKeywords, KeywordRules } from './check-keywords';
import { DEFAULT_FORBIDDEN_KEYWORDS } from './default-forbidden-keywords';

// A lab that narrows its headers to these (`includes_only`), as every lab did before the defaults.
const rules: KeywordRules = { forbid: [], includes: ['wb.h', 'cstdio', 'cstdlib', 'cmath'], includesOnly: true };

function program(body: string): string {
  return `#include <wb.h>\n\nint main(int argc, char **argv) {\n${body}\n  return 0;\n}\n`;
}

describe('checkKeywords', () => {
  it('accepts an ordinary lab program', () => {
    const template = readFileSync(join(__dirname, '../../../../mps/vector-add-cpp/solution.cpp'), 'utf8');
    expect(checkKeywords(template, { forbid: [], includes: ['wb.h', 'cstdio', 'cstdlib', 'cmath', 'vector', 'algorithm'] })).toEqual({
      ok: true,
    });
  });

  it('rejects a forbidden name in code, with its line and a message for the student', () => {
    expect(checkKeywords(program('  int x = 1;\n  system("rm -rf /");'), rules)).toEqual({
      ok: false,
      keyword: 'system',
      line: 5,
      message:
        'line 5: "system" is not allowed in this lab: remove it from the program (comments, strings and disabled #if blocks are not checked)',
    });
  });

  it('accepts forbidden names in comments, strings, character literals and raw strings', () => {
    const body = [
      '  // exit early? no: system() is not allowed',
      '  /* abort();',
      '     fork(); */',
      '  printf("call exit() or system() here\\n");',
      '  char c = \'e\'; const char *k = u8"popen";',
      '  const char *r = R"lab(',
      '    exit(0); system("x"); )" still inside',
      '  )lab";',
    ].join('\n');
    expect(checkKeywords(program(body), rules)).toEqual({ ok: true });
  });

  it('accepts a longer name that contains a forbidden one', () => {
    expect(checkKeywords(program('  int exit_code = 0, systemSize = 1, my_fork = 2;'), rules)).toEqual({ ok: true });
  });

  it('rejects qualified and member uses of a forbidden name alike', () => {
    expect(checkKeywords(program('  std::exit(1);'), rules)).toMatchObject({ ok: false, keyword: 'exit', line: 4 });
    expect(checkKeywords(program('  ::abort();'), rules)).toMatchObject({ ok: false, keyword: 'abort', line: 4 });
    expect(checkKeywords(program('  s.exit = 1;'), rules)).toMatchObject({ ok: false, keyword: 'exit', line: 4 });
  });

  it('rejects a name split by a line continuation, at the line where it starts', () => {
    expect(checkKeywords(program('  int y = 0;\n  sys\\\ntem("ls");'), rules)).toMatchObject({ ok: false, keyword: 'system', line: 5 });
  });

  it('rejects inline assembly in each spelling', () => {
    for (const spelling of ['asm', '__asm', '__asm__'])
      expect(checkKeywords(program(`  ${spelling}("nop");`), rules)).toMatchObject({ ok: false, keyword: spelling });
  });

  it('reports lines correctly with CRLF line ends', () => {
    expect(checkKeywords(program('  int a;\n  fork();').replace(/\n/g, '\r\n'), rules)).toMatchObject({ ok: false, line: 5 });
  });

  it('reports the first violation in source order', () => {
    const source = '#include <wb.h>\nint f() { return fork(); }\n#include <fstream>\nint g() { exit(1); }';
    expect(checkKeywords(source, rules)).toMatchObject({ keyword: 'fork', line: 2 });
    expect(checkKeywords(source.replace('fork', 'f2'), rules)).toMatchObject({ keyword: '#include <fstream>', line: 3 });
  });

  it("adds the lab's forbidden names to the default ones", () => {
    const lab = { ...rules, forbid: ['atomicAdd', 'cudaMemcpyToSymbol'] };
    expect(checkKeywords(program('  atomicAdd(&x, 1);'), lab)).toEqual({
      ok: false,
      keyword: 'atomicAdd',
      line: 4,
      message:
        'line 4: "atomicAdd" is not allowed in this lab: remove it from the program (comments, strings and disabled #if blocks are not checked)',
    });
    expect(checkKeywords(program('  atomicAdd(&x, 1);'), rules)).toEqual({ ok: true });
    expect(checkKeywords(program('  exit(1);'), lab)).toMatchObject({ ok: false, keyword: 'exit' });
  });

  it('rejects a name defined or used in a macro', () => {
    expect(checkKeywords('#define QUIT exit(1)\n', rules)).toMatchObject({ ok: false, keyword: 'exit', line: 1 });
    expect(checkKeywords('#define exit_now 1\n', rules)).toEqual({ ok: true });
  });

  // The check is a guard for honest mistakes, not the sandbox: pasting tokens defeats it.
  it('cannot see a name made by token pasting', () => {
    expect(checkKeywords('#define E(a, b) a##b\nint main() { E(ex, it)(0); }', rules)).toEqual({ ok: true });
  });

  describe('includes', () => {
    it("accepts the lab's headers in either form", () => {
      expect(checkKeywords('#include <wb.h>\n#include "cstdio"\n#  include <cmath>\n', rules)).toEqual({ ok: true });
    });

    it('rejects any other header, listing the allowed ones', () => {
      expect(checkKeywords('#include <wb.h>\n#include <fstream>\n', rules)).toEqual({
        ok: false,
        keyword: '#include <fstream>',
        line: 2,
        message: 'line 2: #include <fstream> is not allowed; allowed headers: wb.h, cstdio, cstdlib, cmath',
      });
    });

    it('matches the name exactly as written', () => {
      expect(checkKeywords('#include <stdio.h>\n', rules)).toMatchObject({ ok: false, keyword: '#include <stdio.h>' });
      expect(checkKeywords('#include < wb.h>\n', rules)).toMatchObject({ ok: false, keyword: '#include < wb.h>' });
    });

    it('rejects an absolute or upward path, even one the lab lists', () => {
      expect(checkKeywords('#include "/etc/passwd"\n', { ...rules, includes: ['/etc/passwd'] })).toEqual({
        ok: false,
        keyword: '#include "/etc/passwd"',
        line: 1,
        message: 'line 1: #include "/etc/passwd" is not allowed: a header name cannot be a path of its own',
      });
      expect(checkKeywords('#include "../wb.h"\n', { ...rules, includes: ['../wb.h'] })).toMatchObject({
        ok: false,
        keyword: '#include "../wb.h"',
      });
      expect(checkKeywords('#include <sys/mman.h>\n', rules)).toMatchObject({ ok: false });
    });

    it('accepts a header in a subfolder of the include path when the lab lists it', () => {
      expect(checkKeywords('#include <CL/cl.h>\n', { ...rules, includes: ['wb.h', 'CL/cl.h'] })).toEqual({ ok: true });
      expect(checkKeywords('#include <CL/cl.h>\n', rules)).toMatchObject({ ok: false });
    });

    it('rejects an include through a macro, which cannot be checked', () => {
      expect(checkKeywords('#define H <fstream>\n#include H\n', rules)).toEqual({
        ok: false,
        keyword: '#include H',
        line: 2,
        message: "line 2: #include H cannot be checked: write the header's name itself, e.g. #include <wb.h>",
      });
    });

    it('rejects the spellings the scanner still recognises as a directive', () => {
      for (const source of [
        '# /* */ include <fstream>',
        '%:include <fstream>',
        '#\\\ninclude <fstream>',
        '#include_next <fstream>',
        '#embed "secret"',
      ])
        expect(checkKeywords(source, rules)).toMatchObject({ ok: false, line: 1 });
    });

    it('ignores an #include in a comment or string', () => {
      expect(checkKeywords('// #include <fstream>\nconst char *s = "#include <fstream>";\n/*\n#include <fstream>\n*/', rules)).toEqual({
        ok: true,
      });
    });
  });

  describe('code the preprocessor drops', () => {
    const lab: KeywordRules = { forbid: [], includes: [] };

    it('skips blocks whose condition is surely false', () => {
      for (const source of [
        '#if 0\n  system("pause");\n#endif\n',
        '#ifdef _WIN32\n#include <windows.h>\n  system("pause");\n#endif\n',
        '#if defined(_MSC_VER) || defined(__APPLE__)\n  system("pause");\n#elif 0\n  exit(1);\n#endif\n',
        '#if 1\nint a;\n#else\n  system("pause");\n#endif\n',
        '#ifndef _WIN32\nint a;\n#else\n  system("pause");\n#endif\n',
        '#if 0\n#if 1\n  exit(1);\n#endif\n  abort();\n#endif\n',
      ])
        expect(checkKeywords(source, lab)).toEqual({ ok: true });
    });

    it('checks blocks whose condition it cannot know, and code after a skipped block', () => {
      expect(checkKeywords('#ifdef DEBUG\n  system("pause");\n#endif\n', lab)).toMatchObject({ ok: false, line: 2 });
      expect(checkKeywords('#if N > 0\n  system("pause");\n#endif\n', lab)).toMatchObject({ ok: false, line: 2 });
      expect(checkKeywords('#ifdef DEBUG\n#else\n  exit(1);\n#endif\n', lab)).toMatchObject({ ok: false, line: 3 });
      expect(checkKeywords('#if 0\n#else\n  exit(1);\n#endif\n', lab)).toMatchObject({ ok: false, line: 3 });
      expect(checkKeywords('#if 0\n#endif\n  exit(1);\n', lab)).toMatchObject({ ok: false, line: 3 });
    });

    it('checks a block for a platform macro the program defines itself', () => {
      expect(checkKeywords('#define _WIN32 1\n#ifdef _WIN32\n  system("x");\n#endif\n', lab)).toMatchObject({ ok: false, line: 3 });
      expect(checkKeywords('#undef _WIN32\n#if !defined(_WIN32)\n  system("x");\n#endif\n', lab)).toMatchObject({ ok: false, line: 3 });
    });

    it('does not take an #endif in a comment or a raw string for one', () => {
      expect(checkKeywords('#if 0\n/*\n#endif\n*/\n#endif\n  exit(1);\n', lab)).toMatchObject({ ok: false, line: 6 });
      expect(checkKeywords('auto s = R"(\n#if 0\n)";\n  exit(1);\n', lab)).toMatchObject({ ok: false, line: 4 });
    });
  });

  it('allows the standard headers unless the lab narrows the list', () => {
    const headers = '#include <wb.h>\n#include <iostream>\n#include <math.h>\n#include "cuda_runtime.h"\n';
    expect(checkKeywords(headers, { forbid: [], includes: [], toolchainHeaders: ['cuda_runtime.h'] })).toEqual({ ok: true });
    expect(checkKeywords(headers, { forbid: [], includes: [] })).toMatchObject({ ok: false, line: 4 });
    expect(checkKeywords(headers, rules)).toMatchObject({ ok: false, keyword: '#include <iostream>' });
  });

  it('does not fail on unterminated comments and literals', () => {
    expect(checkKeywords('int a; /* exit(0);', rules)).toEqual({ ok: true });
    expect(checkKeywords('const char *s = "exit(0);', rules)).toEqual({ ok: true });
    expect(checkKeywords('const char *s = "x;\nexit(0);', rules)).toMatchObject({ ok: false, keyword: 'exit', line: 2 });
    expect(checkKeywords('auto s = R"(exit(0);', rules)).toEqual({ ok: true });
  });

  it('forbids by default the names a lab program has no use for', () => {
    for (const name of [
      'exit',
      'abort',
      'system',
      'popen',
      'fork',
      'execve',
      'asm',
      'syscall',
      'fopen',
      'dlopen',
      'mmap',
      'getenv',
      'socket',
    ])
      expect(DEFAULT_FORBIDDEN_KEYWORDS).toContain(name);
    // Also std::remove from <algorithm>, so not forbidden by default.
    expect(DEFAULT_FORBIDDEN_KEYWORDS).not.toContain('remove');
  });

  it('checks a 64 KB program in about a millisecond', () => {
    const unit = program(
      [
        '  // add the vectors, one element per thread',
        '  float *in = (float *)wbImport(wbArg_getInputFile(args, 0), &length);',
        '  for (int i = 0; i < length; ++i) { out[i] = in[i] * 2.0f + 1e-3f; /* scale */ }',
        '  wbLog(TRACE, "The input length is ", length, " elements");',
      ].join('\n'),
    ).replace('#include <wb.h>', '');
    const source = `#include <wb.h>\n${unit.repeat(Math.ceil(65_536 / unit.length))}`;
    for (let i = 0; i < 20; i++) checkKeywords(source, rules); // let the JIT settle
    const runs = 50;
    const started = performance.now();
    for (let i = 0; i < runs; i++) expect(checkKeywords(source, rules).ok).toBe(true);
    // About 0.5 ms here; the bound leaves room for a loaded CI machine.
    expect((performance.now() - started) / runs).toBeLessThan(5);
  });
});
