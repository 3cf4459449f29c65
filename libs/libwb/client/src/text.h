// Showing text that came from elsewhere (the server, a student's program) on a terminal without
// letting it move the cursor, recolour or retitle the terminal: control characters and invalid
// UTF-8 are made visible instead of being sent raw.
#ifndef WB_CLIENT_TEXT_H
#define WB_CLIENT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

// A copy with newlines and tabs turned into spaces and other control bytes shown as '?', for one
// table cell or one message line.
char *text_single_line(const char *text);
// The width on a terminal, counting each UTF-8 character as one column.
size_t text_width(const char *text);
// Prints `text` (keeping newlines and tabs) with control bytes shown as '?'.
void text_print_safe(FILE *out, const char *text, size_t length);
// Prints a titled block, each line indented, at most `max_lines` lines (the rest counted, not
// shown), trailing blank lines dropped. Nothing at all when `text` is empty or only whitespace.
void text_print_block(FILE *out, const char *title, const char *text, size_t max_lines);
// "0.042 ms", "1.5 ms", "2.31 s"
void text_format_ms(char *out, size_t size, double ms);
// Whether `text` has a line that is not blank and not `except` (may be NULL) — i.e. whether
// showing it tells anything beyond `except`.
bool text_has_line_besides(const char *text, const char *except);

#endif
