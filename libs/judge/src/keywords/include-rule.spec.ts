import { includeViolation } from './include-rule';
import type { IncludeToken } from './source-scanner';

function token(change: Partial<IncludeToken>): IncludeToken {
  return { kind: 'include', line: 1, directive: 'include', header: 'wb.h', delimiter: '<', operand: '', ...change };
}

describe('includeViolation', () => {
  it('allows a listed header in either form', () => {
    expect(includeViolation(token({}), ['wb.h'])).toBeNull();
    expect(includeViolation(token({ delimiter: '"' }), ['wb.h'])).toBeNull();
  });

  it('says so when a lab allows no headers at all', () => {
    expect(includeViolation(token({}), [])).toEqual({
      keyword: '#include <wb.h>',
      message: '#include <wb.h> is not allowed; this lab allows no headers',
    });
  });

  it('names the directive the student used', () => {
    expect(includeViolation(token({ directive: 'embed', header: 'data.bin', delimiter: '"' }), ['wb.h'])?.message).toBe(
      '#embed "data.bin" is not allowed; allowed headers: wb.h',
    );
  });

  it('refuses a backslash or absolute path even when listed', () => {
    expect(includeViolation(token({ header: '..\\secret' }), ['..\\secret'])?.message).toMatch(/cannot be a path of its own/);
    expect(includeViolation(token({ header: 'a\\b.h' }), ['a\\b.h'])?.message).toMatch(/cannot be a path of its own/);
    expect(includeViolation(token({ header: '/usr/include/stdio.h' }), ['/usr/include/stdio.h'])?.message).toMatch(/cannot be a path/);
  });

  it('explains an empty or unterminated #include', () => {
    expect(includeViolation(token({ header: null, delimiter: null, operand: '' }), ['wb.h'])).toEqual({
      keyword: '#include',
      message: '#include must name a header, e.g. #include <wb.h>',
    });
    expect(includeViolation(token({ header: null, delimiter: null, operand: '<wb.h' }), ['wb.h'])?.message).toBe(
      '#include <wb.h is missing its closing >',
    );
    expect(includeViolation(token({ header: null, delimiter: null, operand: '"wb.h' }), ['wb.h'])?.message).toBe(
      '#include "wb.h is missing its closing "',
    );
  });
});
