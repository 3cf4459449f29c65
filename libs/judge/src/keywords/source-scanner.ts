import {
  BACKSLASH,
  BOM,
  CLOSE_PAREN,
  COLON,
  CR,
  DOT,
  DOUBLE_QUOTE,
  EOF,
  FF,
  GREATER,
  HASH,
  isBlank,
  isDigit,
  isIdentifierPart,
  isIdentifierStart,
  isLineEnd,
  LESS,
  LF,
  LOWER_E,
  LOWER_P,
  MINUS,
  OPEN_PAREN,
  PERCENT,
  PLUS,
  QUOTE,
  SLASH,
  SPACE,
  STAR,
  TAB,
  UPPER_E,
  UPPER_P,
  VT,
} from './char-codes';
import { evaluateCondition, isDefined } from './preprocessor-condition';

/** A name in the program's code, including macro names and macro bodies. */
export interface IdentifierToken {
  kind: 'identifier';
  name: string;
  line: number;
}

/** A directive that reads a file into the program: `#include`, `#include_next`, `#import` or `#embed`. */
export interface IncludeToken {
  kind: 'include';
  /** The line of the `#`. */
  line: number;
  directive: string;
  /** The name between the delimiters, as written; null when the directive names no header itself. */
  header: string | null;
  delimiter: '<' | '"' | null;
  /** When `header` is null, what followed the directive (a macro's name, an unterminated name, or nothing). */
  operand: string;
}

export type SourceToken = IdentifierToken | IncludeToken;

// GCC obeys #include_next and #import as well, and #embed (C23, GCC 15) reads any file into the
// program; all four name a file the lab must allow.
const FILE_DIRECTIVES = new Set(['include', 'include_next', 'import', 'embed']);
/** A block of `#if` … `#endif`, as far as the scanner can tell which of its branches is compiled. */
interface Conditional {
  /** The enclosing code is compiled (or may be). */
  readonly outerActive: boolean;
  /** The current branch may be compiled. */
  active: boolean;
  /** An earlier branch surely is compiled, so no later one can be. */
  taken: boolean;
}
const LITERAL_PREFIXES = new Set(['u8', 'u', 'U', 'L']);
const RAW_STRING_PREFIXES = new Set(['R', 'u8R', 'uR', 'UR', 'LR']);
/** The C++ limit on a raw string's delimiter. */
const RAW_DELIMITER_MAX = 16;

/**
 * The identifiers and file-reading directives of a C, C++ or CUDA program, in source order, as
 * the compiler's preprocessor would see them: lines joined at backslash-newlines (also with
 * blanks between, as GCC allows), comments and string, character and raw-string literals
 * skipped, directives recognised only as the first token of a line (also as the digraph `%:`).
 *
 * Code the preprocessor surely drops yields nothing: the branches of `#if`, `#elif`, `#ifdef`
 * and the like whose condition is surely false (`#if 0`, `#ifdef _WIN32`:
 * preprocessor-condition.ts), and their `#else` when an earlier branch surely holds. Where the
 * scanner cannot know what the compiler will do it errs towards yielding a name: a condition it
 * cannot evaluate keeps its block, and macro bodies are scanned like any other code. Unterminated comments and
 * raw strings run to the end of the file (the compiler rejects the program anyway); unterminated
 * string and character literals end at the end of their line, as in GCC, so that a stray `'`
 * in an `#if 0` block cannot hide the rest of the program. Digit separators (`1'000`) are read
 * as C++14 does, and trigraphs (`??/`) are not replaced, as in GCC's default GNU modes; a lab
 * compiled with an older strict `-std` would be read differently.
 *
 * One pass, no regular expressions: time is linear in the length of the source.
 */
export function scanSource(source: string): SourceToken[] {
  return new SourceScanner(source).scan();
}

class SourceScanner {
  private readonly end: number;
  private pos: number;
  private line = 1;
  /** No token yet on this logical line, so a `#` here starts a directive. */
  private atLineStart = true;
  private readonly tokens: SourceToken[] = [];
  private readonly conditionals: Conditional[] = [];
  /** Names the program has `#define`d or `#undef`ined so far: their `#ifdef` cannot be known. */
  private readonly definedByProgram = new Set<string>();

  constructor(private readonly src: string) {
    this.end = src.length;
    this.pos = this.at(0) === BOM ? 1 : 0;
  }

  scan(): SourceToken[] {
    for (;;) {
      let c = this.at(this.pos);
      if (c === BACKSLASH) c = this.peek();
      if (c === EOF) return this.tokens;
      if (isLineEnd(c)) {
        this.advance(c);
        this.atLineStart = true;
      } else if (isBlank(c)) {
        this.pos++;
        while (isBlank(this.at(this.pos))) this.pos++;
      } else if (c === SLASH && this.skipComment()) {
        // A comment is blank space: it does not end "start of line".
      } else {
        const lineStart = this.atLineStart;
        this.atLineStart = false;
        this.token(c, lineStart);
      }
    }
  }

  private token(c: number, lineStart: boolean): void {
    const line = this.line;
    if (c === HASH && lineStart) {
      this.pos++;
      this.directive(line);
    } else if (c === PERCENT && lineStart && this.lookAhead() === COLON) {
      this.pos++;
      this.peek();
      this.pos++;
      this.directive(line);
    } else if (c === DOUBLE_QUOTE || c === QUOTE) {
      this.pos++;
      this.quoted(c);
    } else if (isIdentifierStart(c)) {
      this.identifierOrLiteral();
    } else if (isDigit(c)) {
      this.number();
    } else {
      this.pos++;
      if (c === DOT && isDigit(this.peek())) this.number();
    }
  }

  /** The character at `i` as written, or EOF. */
  private at(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : EOF;
  }

  /**
   * The character at the cursor after line splicing (translation phase 2): a backslash that ends
   * a line is skipped with its line end, so names and comments continue on the next line.
   */
  private peek(): number {
    let c = this.at(this.pos);
    while (c === BACKSLASH) {
      const next = this.spliceEnd(this.pos + 1);
      if (next < 0) break;
      this.pos = next;
      this.line++;
      c = this.at(next);
    }
    return c;
  }

  /** Where the line after a backslash continues, or -1 if the backslash does not end its line. */
  private spliceEnd(from: number): number {
    let i = from;
    let c = this.at(i);
    while (c === SPACE || c === TAB || c === FF || c === VT) c = this.at(++i);
    if (c === LF) return i + 1;
    if (c === CR) return this.at(i + 1) === LF ? i + 2 : i + 1;
    return -1;
  }

  /** The character after the one at the cursor (which peek() has settled), without moving. */
  private lookAhead(): number {
    const pos = this.pos;
    const line = this.line;
    this.pos++;
    const c = this.peek();
    this.pos = pos;
    this.line = line;
    return c;
  }

  /** Steps over `c`, counting lines: LF, CR LF and a lone CR each end one. */
  private advance(c: number): void {
    this.pos++;
    if (c === LF || (c === CR && this.at(this.pos) !== LF)) this.line++;
  }

  /** At a `/`: skips a comment that starts here and returns true, or returns false for a slash. */
  private skipComment(): boolean {
    const next = this.lookAhead();
    if (next === SLASH) {
      this.lineComment();
      return true;
    }
    if (next === STAR) {
      this.pos++;
      this.peek();
      this.pos++;
      this.blockComment();
      return true;
    }
    return false;
  }

  /** To the end of the line, which a backslash-newline extends, as the compiler reads it. */
  private lineComment(): void {
    for (;;) {
      // Comments are much of a program's text: step over plain characters without peek().
      let c = this.at(this.pos);
      while (c !== LF && c !== CR && c !== BACKSLASH && c !== EOF) c = this.at(++this.pos);
      c = this.peek();
      if (c === EOF || isLineEnd(c)) return;
      this.pos++;
    }
  }

  private blockComment(): void {
    for (;;) {
      let c = this.at(this.pos);
      while (c !== STAR && c !== LF && c !== CR && c !== BACKSLASH && c !== EOF) c = this.at(++this.pos);
      c = this.peek();
      if (c === EOF) return;
      this.advance(c);
      if (c === STAR && this.peek() === SLASH) {
        this.pos++;
        return;
      }
    }
  }

  /** After the opening quote of a string or character literal. */
  private quoted(quote: number): void {
    for (;;) {
      const c = this.peek();
      if (c === EOF || isLineEnd(c)) return;
      this.pos++;
      if (c === quote) return;
      if (c === BACKSLASH && this.peek() !== EOF) this.pos++;
    }
  }

  /** A name, or the encoding prefix of a literal (`u8"…"`, `L'…'`, `R"(…)"`). */
  private identifierOrLiteral(): void {
    const line = this.line;
    const name = this.readName();
    const next = this.peek();
    if (next === DOUBLE_QUOTE && RAW_STRING_PREFIXES.has(name)) {
      this.rawString();
    } else if ((next === DOUBLE_QUOTE || next === QUOTE) && LITERAL_PREFIXES.has(name)) {
      this.pos++;
      this.quoted(next);
    } else {
      this.emit({ kind: 'identifier', name, line });
    }
  }

  /**
   * A preprocessing number: digits, letters, `.`, signed exponents and C++14 digit separators.
   * Reading `0x1e` or `1'000` as one token keeps a letter run inside a number from being taken
   * for a name, and a separator from being taken for a character literal.
   */
  private number(): void {
    for (;;) {
      const c = this.peek();
      if (isIdentifierPart(c) || c === DOT) {
        this.pos++;
        if (c === LOWER_E || c === UPPER_E || c === LOWER_P || c === UPPER_P) {
          const sign = this.peek();
          if (sign === PLUS || sign === MINUS) this.pos++;
        }
      } else if (c === QUOTE && isIdentifierPart(this.lookAhead())) {
        this.pos++;
      } else {
        return;
      }
    }
  }

  /**
   * At the `"` of `R"delim( … )delim"`. Inside a raw string the compiler undoes line splicing,
   * so the body is searched in the text as written.
   */
  private rawString(): void {
    const open = this.pos + 1;
    let paren = open;
    while (paren - open <= RAW_DELIMITER_MAX && isRawDelimiterChar(this.at(paren))) paren++;
    if (this.at(paren) !== OPEN_PAREN || paren - open > RAW_DELIMITER_MAX) {
      // Not a valid raw string, so the program will not compile: read on as an ordinary string.
      this.pos++;
      this.quoted(DOUBLE_QUOTE);
      return;
    }
    const terminator = `)${this.src.slice(open, paren)}"`;
    const found = this.src.indexOf(terminator, paren + 1);
    const end = found < 0 ? this.end : found + terminator.length;
    while (this.pos < end) this.advance(this.src.charCodeAt(this.pos));
  }

  /** After the `#` of a directive: records file-reading directives; other lines are read on as code. */
  private directive(line: number): void {
    this.skipBlanksAndComments();
    if (!isIdentifierStart(this.peek())) return;
    const directive = this.readName();
    if (this.conditional(directive)) return;
    if (directive === 'define' || directive === 'undef') {
      const name = this.lookAheadOnLine(() => (isIdentifierStart(this.peek()) ? this.readName() : ''));
      if (name) this.definedByProgram.add(name);
      return;
    }
    if (!FILE_DIRECTIVES.has(directive)) return;

    this.skipBlanksAndComments();
    const open = this.peek();
    if (open === LESS || open === DOUBLE_QUOTE) {
      this.pos++;
      const close = open === LESS ? GREATER : DOUBLE_QUOTE;
      const name = this.readWhile((c) => c !== close && c !== EOF && !isLineEnd(c));
      const delimiter = open === LESS ? '<' : '"';
      if (this.peek() === close) {
        this.pos++;
        this.emit({ kind: 'include', line, directive, header: name, delimiter, operand: '' });
      } else {
        this.emit({ kind: 'include', line, directive, header: null, delimiter: null, operand: delimiter + name });
      }
      return;
    }
    const operandLine = this.line;
    const operand = isIdentifierStart(open) ? this.readName() : '';
    this.emit({ kind: 'include', line, directive, header: null, delimiter: null, operand });
    if (operand) this.emit({ kind: 'identifier', name: operand, line: operandLine });
  }

  private emit(token: SourceToken): void {
    if (this.active()) this.tokens.push(token);
  }

  private active(): boolean {
    return this.conditionals.length === 0 || this.conditionals[this.conditionals.length - 1].active;
  }

  /**
   * Follows `#if` … `#endif` (returning true for those directives). The rest of the directive's
   * line is left to be read on as code, as before: only what the new state says is kept.
   */
  private conditional(directive: string): boolean {
    const open = (value: boolean | null): void => {
      const outerActive = this.active();
      this.conditionals.push({ outerActive, active: outerActive && value !== false, taken: value === true });
    };
    const next = (value: () => boolean | null): void => {
      const block = this.conditionals[this.conditionals.length - 1];
      if (!block) return; // unbalanced: the compiler rejects the program
      if (block.taken || !block.outerActive) {
        block.active = false;
        return;
      }
      const v = value();
      block.active = v !== false;
      block.taken = v === true;
    };
    const defined = (): boolean | null =>
      this.lookAheadOnLine(() => (isIdentifierStart(this.peek()) ? isDefined(this.readName(), this.definedByProgram) : null));
    const negate = (v: boolean | null): boolean | null => (v === null ? null : !v);
    switch (directive) {
      case 'if':
        open(this.conditionValue());
        return true;
      case 'ifdef':
        open(defined());
        return true;
      case 'ifndef':
        open(negate(defined()));
        return true;
      case 'elif':
        next(() => this.conditionValue());
        return true;
      case 'elifdef':
        next(defined);
        return true;
      case 'elifndef':
        next(() => negate(defined()));
        return true;
      case 'else':
        next(() => true);
        return true;
      case 'endif':
        this.conditionals.pop();
        return true;
      default:
        return false;
    }
  }

  /** The value of the condition that fills the rest of this directive's line. */
  private conditionValue(): boolean | null {
    const text = this.lookAheadOnLine(() => this.readWhile((c) => c !== EOF && !isLineEnd(c)));
    // A comment, a string or a character in a condition: not worth reading, so unknown.
    if (/["'/\\]/.test(text)) return null;
    return evaluateCondition(text, this.definedByProgram);
  }

  /** What `read` returns, with the cursor put back: the line is then read on as before. */
  private lookAheadOnLine<T>(read: () => T): T {
    const pos = this.pos;
    const line = this.line;
    this.skipBlanksAndComments();
    const value = read();
    this.pos = pos;
    this.line = line;
    return value;
  }

  /** Within a directive line: blanks and block comments; a line comment runs to the line's end. */
  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.peek();
      if (isBlank(c)) this.pos++;
      else if (!(c === SLASH && this.skipComment())) return;
    }
  }

  /** Consumes a name, which line splices may split. */
  private readName(): string {
    const start = this.pos;
    let end = start;
    while (isIdentifierPart(this.at(end))) end++;
    this.pos = end;
    const name = this.src.slice(start, end);
    return this.at(this.pos) === BACKSLASH ? name + this.readWhile(isIdentifierPart) : name;
  }

  /** Consumes characters while `accept` holds, returning them with line splices removed. */
  private readWhile(accept: (c: number) => boolean): string {
    let text = '';
    let from = this.pos;
    for (;;) {
      const at = this.pos;
      const c = this.peek();
      if (this.pos !== at) {
        text += this.src.slice(from, at);
        from = this.pos;
      }
      if (!accept(c)) return text + this.src.slice(from, this.pos);
      this.pos++;
    }
  }
}

/** Any printable ASCII character but space, parentheses and backslash. */
function isRawDelimiterChar(c: number): boolean {
  return c > SPACE && c < 0x7f && c !== OPEN_PAREN && c !== CLOSE_PAREN && c !== BACKSLASH;
}
