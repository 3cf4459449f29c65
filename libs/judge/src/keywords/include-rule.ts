import type { IncludeToken } from './source-scanner';

export interface IncludeViolation {
  /** The directive as the student wrote it, e.g. `#include <fstream>`. */
  keyword: string;
  message: string;
}

/**
 * Whether a file-reading directive is allowed: only headers on the lab's list, matched exactly
 * as written (`wb.h` in either `<wb.h>` or `"wb.h"`; `CL/cl.h` when a lab lists it). An absolute
 * name, a backslash or `..` is refused even if a lab lists it, so that no mp.yaml can open the
 * worker's file system to a program. A header named through a macro is refused because what it
 * expands to cannot be known here.
 */
export function includeViolation(token: IncludeToken, allowed: readonly string[]): IncludeViolation | null {
  const directive = `#${token.directive}`;
  if (token.header === null) {
    if (token.operand === '') return { keyword: directive, message: `${directive} must name a header, e.g. ${directive} <wb.h>` };
    const keyword = `${directive} ${token.operand}`;
    if (token.operand.startsWith('<') || token.operand.startsWith('"'))
      return { keyword, message: `${keyword} is missing its closing ${token.operand.startsWith('<') ? '>' : '"'}` };
    return { keyword, message: `${keyword} cannot be checked: write the header's name itself, e.g. ${directive} <wb.h>` };
  }

  const keyword = token.delimiter === '<' ? `${directive} <${token.header}>` : `${directive} "${token.header}"`;
  if (leavesIncludePath(token.header)) return { keyword, message: `${keyword} is not allowed: a header name cannot be a path of its own` };
  if (allowed.includes(token.header)) return null;
  const list = allowed.length > 0 ? `allowed headers: ${allowed.join(', ')}` : 'this lab allows no headers';
  return { keyword, message: `${keyword} is not allowed; ${list}` };
}

/** Names that could reach outside the compiler's include directories. */
function leavesIncludePath(header: string): boolean {
  return header.startsWith('/') || header.includes('\\') || header.includes('..');
}
