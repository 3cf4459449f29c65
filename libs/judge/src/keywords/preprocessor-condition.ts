/**
 * The value of an `#if` / `#elif` condition as far as it can be known without the compiler:
 * true, false, or null when it depends on anything else (a macro the program or the compiler
 * may define, arithmetic, comparisons). The keyword check skips a block only when its condition
 * is surely false, so that an unknown condition is checked like any other code.
 *
 * Understood: integer literals, `!`, `&&`, `||`, parentheses, and `defined NAME` /
 * `defined(NAME)` for the names in {@link NEVER_DEFINED} that the program does not define itself.
 */
export type ConditionValue = boolean | null;

/**
 * Macros no worker's compiler defines (they name Windows, MSVC and macOS), which programs of the
 * original course test before `system("pause")` and the like.
 */
export const NEVER_DEFINED: ReadonlySet<string> = new Set([
  '_WIN32',
  '_WIN64',
  'WIN32',
  '_WINDOWS',
  '_MSC_VER',
  '__MINGW32__',
  '__APPLE__',
  '__MACH__',
]);

/**
 * `definedByProgram`: names the program `#define`s or `#undef`s anywhere before; such a name
 * is unknown, whatever {@link NEVER_DEFINED} says.
 */
export function evaluateCondition(text: string, definedByProgram: ReadonlySet<string>): ConditionValue {
  const tokens = text.match(/\d\w*|[A-Za-z_]\w*|&&|\|\||\S/g) ?? [];
  const parser = new ConditionParser(tokens, definedByProgram);
  const value = parser.or();
  return parser.done() ? value : null;
}

/** Whether `#ifdef name` surely holds (true), surely not (false), or cannot be known (null). */
export function isDefined(name: string, definedByProgram: ReadonlySet<string>): ConditionValue {
  return NEVER_DEFINED.has(name) && !definedByProgram.has(name) ? false : null;
}

class ConditionParser {
  private at = 0;
  /** Something not understood was met: the whole condition is unknown. */
  private failed = false;

  constructor(
    private readonly tokens: string[],
    private readonly definedByProgram: ReadonlySet<string>,
  ) {}

  done(): boolean {
    return !this.failed && this.at === this.tokens.length;
  }

  or(): ConditionValue {
    let value = this.and();
    while (this.accept('||')) {
      const right = this.and();
      value = value === true || right === true ? true : value === false && right === false ? false : null;
    }
    return value;
  }

  private and(): ConditionValue {
    let value = this.unary();
    while (this.accept('&&')) {
      const right = this.unary();
      value = value === false || right === false ? false : value === true && right === true ? true : null;
    }
    return value;
  }

  private unary(): ConditionValue {
    if (this.accept('!')) {
      const value = this.unary();
      return value === null ? null : !value;
    }
    return this.primary();
  }

  private primary(): ConditionValue {
    const token = this.tokens[this.at++];
    if (token === undefined) return this.fail();
    if (token === '(') {
      const value = this.or();
      return this.accept(')') ? value : this.fail();
    }
    if (token === 'defined') {
      const parenthesised = this.accept('(');
      const name = this.tokens[this.at++];
      if (name === undefined || !/^[A-Za-z_]\w*$/.test(name) || (parenthesised && !this.accept(')'))) return this.fail();
      return isDefined(name, this.definedByProgram);
    }
    const integer = /^(?:0[xX]([0-9a-fA-F]+)|(\d+))[uUlL]*$/.exec(token);
    if (integer) return /[1-9a-fA-F]/.test(integer[1] ?? integer[2]);
    // Any other name is a macro the compiler may define (or 0): unknown, but still well formed.
    if (/^[A-Za-z_]\w*$/.test(token)) return null;
    return this.fail();
  }

  private accept(token: string): boolean {
    if (this.tokens[this.at] !== token) return false;
    this.at++;
    return true;
  }

  private fail(): null {
    this.failed = true;
    return null;
  }
}
