import { headerRules } from './allowed-headers';
import { includeViolation } from './include-rule';
import type { IncludeToken } from './source-scanner';

function token(change: Partial<IncludeToken>): IncludeToken {
  return { kind: 'include', line: 1, directive: 'include', header: 'wb.h', delimiter: '<', operand: '', ...change };
}

function narrowed(includes: string[]) {
  return headerRules(includes, [], true);
}

describe('includeViolation', () => {
  it('allows a listed header in either form', () => {
    expect(includeViolation(token({}), narrowed(['wb.h']))).toBeNull();
    expect(includeViolation(token({ delimiter: '"' }), narrowed(['wb.h']))).toBeNull();
  });

  it('says so when a lab allows no headers at all', () => {
    expect(includeViolation(token({}), narrowed([]))).toEqual({
      keyword: '#include <wb.h>',
      message: '#include <wb.h> is not allowed; this lab allows no headers',
    });
  });

  it('names the directive the student used', () => {
    expect(includeViolation(token({ directive: 'embed', header: 'data.bin', delimiter: '"' }), narrowed(['wb.h']))?.message).toBe(
      '#embed "data.bin" is not allowed: a lab program is one file, so copy what it needs from data.bin into it',
    );
  });

  it("allows by default the standard headers, libwb's and the toolchain's, in either form", () => {
    const rules = headerRules(['omp.h'], ['cuda_runtime.h'], false);
    for (const header of ['iostream', 'cmath', 'math.h', 'stdio.h', 'string.h', 'sstream', 'wb.h', 'wbSparse.h', 'cuda_runtime.h', 'omp.h'])
      for (const delimiter of ['<', '"'] as const) expect(includeViolation(token({ header, delimiter }), rules)).toBeNull();
  });

  it('refuses other system headers by default, saying what is allowed', () => {
    expect(includeViolation(token({ header: 'unistd.h' }), headerRules([], ['CL/cl.h'], false))?.message).toBe(
      '#include <unistd.h> is not allowed; this lab allows the C and C++ standard headers and wb.h, wbSparse.h, CL/cl.h: remove the #include or use one of those',
    );
  });

  it("refuses a program's own header, saying to copy it in", () => {
    expect(includeViolation(token({ header: 'helpers.h', delimiter: '"' }), headerRules([], [], false))?.message).toBe(
      '#include "helpers.h" is not allowed: a lab program is one file, so copy what it needs from helpers.h into it',
    );
  });

  it('refuses a standard header a narrowed lab does not list', () => {
    expect(includeViolation(token({ header: 'iostream' }), narrowed(['wb.h']))?.message).toBe(
      '#include <iostream> is not allowed; allowed headers: wb.h',
    );
  });

  it('refuses a backslash or absolute path even when listed', () => {
    expect(includeViolation(token({ header: '..\\secret' }), narrowed(['..\\secret']))?.message).toMatch(/cannot be a path of its own/);
    expect(includeViolation(token({ header: 'a\\b.h' }), narrowed(['a\\b.h']))?.message).toMatch(/cannot be a path of its own/);
    expect(includeViolation(token({ header: '/usr/include/stdio.h' }), narrowed(['/usr/include/stdio.h']))?.message).toMatch(
      /cannot be a path/,
    );
  });

  it('explains an empty or unterminated #include', () => {
    expect(includeViolation(token({ header: null, delimiter: null, operand: '' }), narrowed(['wb.h']))).toEqual({
      keyword: '#include',
      message: '#include must name a header, e.g. #include <wb.h>',
    });
    expect(includeViolation(token({ header: null, delimiter: null, operand: '<wb.h' }), narrowed(['wb.h']))?.message).toBe(
      '#include <wb.h is missing its closing >',
    );
    expect(includeViolation(token({ header: null, delimiter: null, operand: '"wb.h' }), narrowed(['wb.h']))?.message).toBe(
      '#include "wb.h is missing its closing "',
    );
  });
});
