import type { HeaderRules } from './allowed-headers';
import type { IncludeToken } from './source-scanner';

export interface IncludeViolation {
  /** The directive as the student wrote it, e.g. `#include <fstream>`. */
  keyword: string;
  message: string;
}

/**
 * Whether a file-reading directive is allowed: only headers the lab allows (allowed-headers.ts),
 * matched exactly as written (`wb.h` in either `<wb.h>` or `"wb.h"`). A program's own header
 * (`"helpers.h"`) is not: a lab program is the one file the student submits. An absolute
 * name, a backslash or `..` is refused even if a lab lists it, so that no mp.yaml can open the
 * worker's file system to a program. A header named through a macro is refused because what it
 * expands to cannot be known here.
 */
export function includeViolation(token: IncludeToken, rules: HeaderRules): IncludeViolation | null {
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
  if (rules.allowed.has(token.header)) return null;
  if (token.delimiter === '"' && !token.header.includes('/'))
    return { keyword, message: `${keyword} is not allowed: a lab program is one file, so copy what it needs from ${token.header} into it` };
  return { keyword, message: `${keyword} is not allowed; ${rules.advice}` };
}

/** Names that could reach outside the compiler's include directories. */
function leavesIncludePath(header: string): boolean {
  return header.startsWith('/') || header.includes('\\') || header.includes('..');
}
