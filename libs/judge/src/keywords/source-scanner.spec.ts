import { IncludeToken, scanSource } from './source-scanner';

/** The identifiers of a source as `name@line`, which reads well in a failing expectation. */
function identifiers(source: string): string[] {
  return scanSource(source).flatMap((t) => (t.kind === 'identifier' ? [`${t.name}@${t.line}`] : []));
}

function names(source: string): string[] {
  return scanSource(source).flatMap((t) => (t.kind === 'identifier' ? [t.name] : []));
}

function includes(source: string): Omit<IncludeToken, 'kind'>[] {
  return scanSource(source).flatMap((t) => (t.kind === 'include' ? [withoutKind(t)] : []));
}

function withoutKind({ kind: _, ...rest }: IncludeToken): Omit<IncludeToken, 'kind'> {
  return rest;
}

describe('scanSource', () => {
  describe('identifiers', () => {
    it('yields names with their lines', () => {
      expect(identifiers('int main() {\n  return foo_bar2(x);\n}\n')).toEqual(['int@1', 'main@1', 'return@2', 'foo_bar2@2', 'x@2']);
    });

    it('keeps a longer name whole', () => {
      expect(names('int exit_code = my_exit + exit2;')).toEqual(['int', 'exit_code', 'my_exit', 'exit2']);
    });

    it('counts $ and non-ASCII letters as part of a name, as GCC does', () => {
      expect(names('int $exit, exit$, exité;')).toEqual(['int', '$exit', 'exit$', 'exité']);
    });

    it('splits qualified names and member accesses into their names', () => {
      expect(names('std::exit(1); ::exit(2); obj.exit(); p->exit;')).toEqual(['std', 'exit', 'exit', 'obj', 'exit', 'p', 'exit']);
    });

    it('joins a name split by a backslash-newline and reports the line it starts on', () => {
      expect(identifiers('int a;\nex\\\nit(0);\nb;')).toEqual(['int@1', 'a@1', 'exit@2', 'b@4']);
    });

    it('joins across a CRLF splice and across blanks between the backslash and the line end', () => {
      expect(identifiers('ex\\\r\nit(0);\r\nsys\\  \t\ntem;')).toEqual(['exit@1', 'system@3']);
    });

    it('joins a name split several times', () => {
      expect(names('e\\\nx\\\n\\\ni\\\nt')).toEqual(['exit']);
    });

    it('keeps a backslash that does not end a line', () => {
      expect(names('a \\ b')).toEqual(['a', 'b']);
    });
  });

  describe('comments', () => {
    it('skips line and block comments', () => {
      expect(identifiers('// exit\n/* system */ a /* abort\n fork */ b\n')).toEqual(['a@2', 'b@3']);
    });

    it('continues a line comment over a backslash-newline, as the compiler does', () => {
      expect(identifiers('// note \\\nexit(0);\nb;')).toEqual(['b@3']);
    });

    it('recognises comment markers split by a splice', () => {
      expect(names('/\\\n* exit *\\\n/ a /\\\n/ system')).toEqual(['a']);
    });

    it('does not take /* inside a line comment or // inside a block comment for more', () => {
      expect(names('// /* \na /* // */ b')).toEqual(['a', 'b']);
    });

    it('ends an unterminated block comment at the end of the file', () => {
      expect(identifiers('a\n/* exit(0);\nsystem("x");')).toEqual(['a@1']);
    });

    it('keeps a division a division', () => {
      expect(names('x = a / b; y = a /= c;')).toEqual(['x', 'a', 'b', 'y', 'a', 'c']);
    });
  });

  describe('literals', () => {
    it('skips string and character literals', () => {
      expect(names("puts(\"exit system\"); c = 'x'; d = '\\'';")).toEqual(['puts', 'c', 'd']);
    });

    it('handles escaped quotes and backslashes', () => {
      expect(names('s = "a \\" exit"; t = "b\\\\" system;')).toEqual(['s', 't', 'system']);
    });

    it('skips literals with encoding prefixes', () => {
      expect(names('a = u8"exit"; b = u"exit"; c = U"exit"; d = L"exit"; e = L\'x\'; f = u8\'y\';')).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ]);
    });

    it('reads a name that only looks like a prefix as a name', () => {
      expect(names('Lx"exit"; x8 "exit"')).toEqual(['Lx', 'x8']);
    });

    it('ends an unterminated string or character literal at the end of its line, as GCC does', () => {
      expect(identifiers('#if 0\ndon\'t\n#endif\nsystem("x");\ns = "open\nexit;')).toEqual(['system@4', 's@5', 'exit@6']);
    });

    it('treats a user-defined literal suffix as a name', () => {
      expect(names('auto s = "abc"_sv;')).toEqual(['auto', 's', '_sv']);
    });
  });

  describe('raw strings', () => {
    it('skips raw strings, with or without a delimiter and with any prefix', () => {
      expect(names('a = R"(exit)"; b = R"xy(system)" )xy"; c = u8R"(x)"; d = LR"(y)"; e = uR"(z)"; f = UR"(w)";')).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ]);
    });

    it('ends a raw string at its own delimiter only', () => {
      expect(names('s = R"--(a )" system( )--" exit;')).toEqual(['s', 'exit']);
    });

    it('counts the lines inside a raw string', () => {
      expect(identifiers('s = R"(\nexit\n"quoted"\n)";\nb;')).toEqual(['s@1', 'b@5']);
    });

    it('does not splice lines inside a raw string, as the compiler does not', () => {
      // The first `)x"` is `)\` newline `x"` as written, which does not end the string.
      expect(names('s = R"x(a)\\\nx" exit )x" b;')).toEqual(['s', 'b']);
    });

    it('reads an invalid raw string as an ordinary string', () => {
      expect(names('s = R"a b(x)a b" c;')).toEqual(['s', 'c']);
    });

    it('runs an unterminated raw string to the end of the file', () => {
      expect(names('a; s = R"(\nexit(0);\n')).toEqual(['a', 's']);
    });
  });

  describe('numbers', () => {
    it('reads letters inside numbers as part of the number', () => {
      expect(names('x = 0x1e5 + 1e+10 + 0x1p-3 + 10ul + .5f + 3.0e-2f;')).toEqual(['x']);
    });

    it('reads digit separators as part of the number, not as a character literal', () => {
      expect(identifiers("int n = 1'000'000; exit(0);")).toEqual(['int@1', 'n@1', 'exit@1']);
    });

    it('reads a quote after a number that no digit or letter follows as the start of a literal', () => {
      expect(names("f(1' exit ')")).toEqual(['f']);
    });
  });

  describe('directives', () => {
    it('reads #include with angle brackets and quotes', () => {
      expect(includes('#include <wb.h>\n#include "cstdio"\n')).toEqual([
        { line: 1, directive: 'include', header: 'wb.h', delimiter: '<', operand: '' },
        { line: 2, directive: 'include', header: 'cstdio', delimiter: '"', operand: '' },
      ]);
    });

    it('allows blanks and comments between #, include and the name', () => {
      expect(includes('  #  include   <a.h>\n# /* c */ include /* d */ "b.h"\n#\tinclude<c.h>').map((i) => i.header)).toEqual([
        'a.h',
        'b.h',
        'c.h',
      ]);
    });

    it('finds a directive after a comment at the start of its line, reporting the line of the #', () => {
      expect(includes('/* one\n two */ #include <a.h>\n').map((i) => [i.header, i.line])).toEqual([['a.h', 2]]);
    });

    it('reads a # after other tokens as an operator, not a directive', () => {
      expect(includes('int x; #include <a.h>\nint y; /*\n*/ #include <b.h>')).toEqual([]);
      expect(names('int x; #include <a.h>')).toEqual(['int', 'x', 'include', 'a', 'h']);
    });

    it('reads the digraph %: as #', () => {
      expect(includes('%:include <fstream>\n%: include "x"').map((i) => i.header)).toEqual(['fstream', 'x']);
    });

    it('reads directives split by splices', () => {
      expect(includes('#\\\ninclu\\\nde <wb\\\n.h>').map((i) => [i.header, i.line])).toEqual([['wb.h', 1]]);
    });

    it('reads #include_next, #import and #embed as file directives too', () => {
      expect(includes('#include_next <a>\n#import "b"\n#embed "/etc/passwd"').map((i) => [i.directive, i.header])).toEqual([
        ['include_next', 'a'],
        ['import', 'b'],
        ['embed', '/etc/passwd'],
      ]);
    });

    it('keeps the header name as written, slashes and comment markers included', () => {
      expect(includes('#include <a//b.h>\n#include "../x"').map((i) => i.header)).toEqual(['a//b.h', '../x']);
    });

    it('reports a macro include with the macro name, which is also a name in the code', () => {
      expect(includes('#include HEADER\n')).toEqual([{ line: 1, directive: 'include', header: null, delimiter: null, operand: 'HEADER' }]);
      expect(names('#include HEADER\n')).toEqual(['HEADER']);
    });

    it('reports an #include without a name, and one whose name is not closed', () => {
      expect(includes('#include\n#include <wb.h\n#include "x').map((i) => [i.header, i.operand])).toEqual([
        [null, ''],
        [null, '<wb.h'],
        [null, '"x'],
      ]);
    });

    it('reads macro bodies as code, so a pasted name shows as its parts', () => {
      expect(names('#define E ex##it\n#define S(x) #x\n#if defined(FOO)\n#endif')).toEqual([
        'E',
        'ex',
        'it',
        'S',
        'x',
        'x',
        'defined',
        'FOO',
      ]);
    });

    it('reads a directive after a byte-order mark or a NUL at the start of a line', () => {
      expect(includes('\uFEFF#include <a>\n\0#include <b>').map((i) => i.header)).toEqual(['a', 'b']);
    });

    it('scans the rest of an include line as code', () => {
      expect(names('#include <wb.h> exit')).toEqual(['exit']);
    });
  });

  describe('line ends', () => {
    it('counts CRLF and lone CR line ends', () => {
      expect(identifiers('a\r\nb\rc\n\r\nd')).toEqual(['a@1', 'b@2', 'c@3', 'd@5']);
    });

    it('starts a directive after a CRLF', () => {
      expect(includes('int a;\r\n#include <x>\r\n').map((i) => [i.header, i.line])).toEqual([['x', 2]]);
    });
  });

  describe('odd inputs', () => {
    it.each(['', '\\', 'a\\', '"', "'", 'R"', 'R"(', '/*', '/', '#', '%', '%:', '#include', '#include <', "1'", 'u8', '.'])(
      'does not fail on %j',
      (source) => {
        expect(() => scanSource(source)).not.toThrow();
      },
    );
  });

  describe('speed', () => {
    // Each of these would take quadratic time in a scanner that rescans from a token's start.
    it.each<[string, string]>([
      ['backslashes and blanks', '\\   '.repeat(16_000)],
      ['unclosed block comments', '/*'.repeat(32_000)],
      ['unclosed raw strings', 'R"('.repeat(21_000)],
      ['raw strings with long delimiters', 'R"abcdefghijklmnop('.repeat(3_000)],
      ['quotes', '"\'\\'.repeat(21_000)],
      ['one long name', 'a'.repeat(64_000)],
      ['one long name split by splices', 'a\\\n'.repeat(21_000)],
      ['digit separators', "1'".repeat(32_000)],
      ['empty directives', '#\n'.repeat(32_000)],
    ])('scans 64 KB of %s in linear time', (_, source) => {
      const started = performance.now();
      scanSource(source);
      expect(performance.now() - started).toBeLessThan(200);
    });
  });
});
