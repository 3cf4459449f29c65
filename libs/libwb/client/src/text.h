// Showing text that came from elsewhere (the server, a student's program) on a terminal without
// letting it move the cursor, recolour, retitle the terminal or write to its clipboard.
//
// text_sanitize is the one place where such text is made safe; everything else here goes through
// it. Students' programs print anything (NUL, escape sequences, carriage returns that overwrite a
// line, invalid UTF-8), and the server, which cleans what it stores, is not trusted to have done
// so (older attempts, or a hostile server):
//  - newlines and tabs stay (TEXT_BLOCK), or become spaces (TEXT_LINE); "\r\n" counts as "\n";
//  - other C0 controls, a lone \r and DEL become Unicode's control pictures (NUL → ␀ U+2400,
//    ESC → ␛ U+241B, CR → ␍ U+240D, DEL → ␡ U+2421): an escape sequence is shown, never obeyed;
//  - C1 controls (U+0080..U+009F: a terminal may read U+009B as CSI) and invalid UTF-8 become
//    U+FFFD, one for each maximal invalid subsequence (as the gateway, browsers and Node do);
//  - every other character stays, whatever its script.
// The result is valid UTF-8 without a control character, and sanitizing it again changes nothing.
#ifndef WB_CLIENT_TEXT_H
#define WB_CLIENT_TEXT_H

#include "buf.h"
#include "json.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
  TEXT_BLOCK, // lines of text: newlines and tabs stay
  TEXT_LINE,  // one table cell or message line: newlines and tabs become spaces
} TextShape;

// Appends `length` bytes of `text` (which may hold NUL) made safe to `out`.
void text_sanitize(Buf *out, const char *text, size_t length, TextShape shape);
// A copy of `text` made safe for one line.
char *text_single_line(const char *text);
// The same for `length` bytes, NUL included.
char *text_single_line_n(const char *text, size_t length);
// The string member `key` of `object` made safe for one line, a NUL in it (from \u0000) shown
// too; `fallback` (made safe as well) when it is absent or not a string.
char *text_member_line(const JsonValue *object, const char *key, const char *fallback);
// At most `columns` characters of `text` (safe text: one column each), the last one "…" when cut.
char *text_cut(const char *text, size_t columns);
// The width on a terminal, counting each UTF-8 character as one column (so a control picture or
// U+FFFD is one).
size_t text_width(const char *text);
// Prints `length` bytes of `text` made safe, newlines and tabs kept.
void text_print_safe(FILE *out, const char *text, size_t length);
// Prints a titled block of `length` bytes of `text`, each line made safe and indented, at most
// `max_lines` lines (the rest counted, not shown), trailing blank lines dropped. Nothing at all
// when `text` is empty or only whitespace.
void text_print_block(FILE *out, const char *title, const char *text, size_t length, size_t max_lines);
// "0.042 ms", "1.5 ms", "2.31 s"
void text_format_ms(char *out, size_t size, double ms);
// Whether the `length` bytes of `text` have a line that is not blank and not `except` (may be
// NULL) — i.e. whether showing it tells anything beyond `except`.
bool text_has_line_besides(const char *text, size_t length, const char *except);

#endif
