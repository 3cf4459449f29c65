import { DEFAULT_FORBIDDEN_KEYWORDS } from './default-forbidden-keywords';
import { includeViolation } from './include-rule';
import { scanSource } from './source-scanner';

/** A lab's keyword rules, from its mp.yaml. */
export interface KeywordRules {
  /** Names forbidden in addition to {@link DEFAULT_FORBIDDEN_KEYWORDS} (`keywords.forbid`). */
  forbid: readonly string[];
  /** The headers a program may include, by name as written (`includes`). */
  includes: readonly string[];
}

export type KeywordCheck = { ok: true } | { ok: false; keyword: string; line: number; message: string };

/**
 * Checks a program before it is compiled and reports the first forbidden name or header in
 * source order, with a message for the student ("line 12: "system" is not allowed in this lab").
 *
 * This is a guard against honest mistakes that gives a clear message, not the security boundary
 * (the sandbox is). Token pasting defeats it by design: `#define E ex##it` shows the scanner only
 * `ex` and `it`, and no check short of running the preprocessor can see the `exit` it makes.
 */
export function checkKeywords(source: string, rules: KeywordRules): KeywordCheck {
  const forbidden = new Set([...DEFAULT_FORBIDDEN_KEYWORDS, ...rules.forbid]);
  for (const token of scanSource(source)) {
    if (token.kind === 'identifier') {
      if (forbidden.has(token.name)) return reject(token.name, token.line, `"${token.name}" is not allowed in this lab`);
    } else {
      const violation = includeViolation(token, rules.includes);
      if (violation) return reject(violation.keyword, token.line, violation.message);
    }
  }
  return { ok: true };
}

function reject(keyword: string, line: number, message: string): KeywordCheck {
  return { ok: false, keyword, line, message: `line ${line}: ${message}` };
}
