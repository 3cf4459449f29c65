import { DEFAULT_FORBIDDEN_KEYWORDS } from './default-forbidden-keywords';
import { headerRules } from './allowed-headers';
import { includeViolation } from './include-rule';
import { scanSource } from './source-scanner';

/** A lab's keyword rules, from its mp.yaml. */
export interface KeywordRules {
  /** Names forbidden in addition to {@link DEFAULT_FORBIDDEN_KEYWORDS} (`keywords.forbid`). */
  forbid: readonly string[];
  /** Headers allowed besides the default ones, by name as written (`includes`). */
  includes: readonly string[];
  /** `includes_only`: the lab allows `includes` alone, not the standard headers. */
  includesOnly?: boolean;
  /** The toolchain's own headers (ToolchainSpec.headers), allowed with the standard ones. */
  toolchainHeaders?: readonly string[];
}

export type KeywordCheck = { ok: true } | { ok: false; keyword: string; line: number; message: string };

/**
 * Checks a program before it is compiled and reports the first forbidden name or header in
 * source order, with a message for the student that says how to fix the program ("line 12:
 * "system" is not allowed in this lab: remove it …"). Only code the compiler keeps is checked:
 * comments, strings and blocks of `#if 0` or `#ifdef _WIN32` are not (source-scanner.ts).
 *
 * This is a guard against honest mistakes that gives a clear message, not the security boundary
 * (the sandbox is). Token pasting defeats it by design: `#define E ex##it` shows the scanner only
 * `ex` and `it`, and no check short of running the preprocessor can see the `exit` it makes.
 */
export function checkKeywords(source: string, rules: KeywordRules): KeywordCheck {
  const forbidden = new Set([...DEFAULT_FORBIDDEN_KEYWORDS, ...rules.forbid]);
  const headers = headerRules(rules.includes, rules.toolchainHeaders ?? [], rules.includesOnly ?? false);
  for (const token of scanSource(source)) {
    if (token.kind === 'identifier') {
      if (forbidden.has(token.name)) return reject(token.name, token.line, forbiddenMessage(token.name));
    } else {
      const violation = includeViolation(token, headers);
      if (violation) return reject(violation.keyword, token.line, violation.message);
    }
  }
  return { ok: true };
}

function forbiddenMessage(name: string): string {
  return `"${name}" is not allowed in this lab: remove it from the program (comments, strings and disabled #if blocks are not checked)`;
}

function reject(keyword: string, line: number, message: string): KeywordCheck {
  return { ok: false, keyword, line, message: `line ${line}: ${message}` };
}
