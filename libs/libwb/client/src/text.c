#include "text.h"

#include "alloc.h"
#include "buf.h"
#include "json.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

// Unicode's "control pictures": U+2400 + the code of a C0 control (␀ … ␟), U+2421 (␡) for DEL.
// All of them are E2 90 xx in UTF-8.
static void put_control_picture(Buf *out, unsigned char c) {
  char picture[3] = {(char)0xE2, (char)0x90, (char)(c == 0x7F ? 0xA1 : 0x80 + c)};
  buf_append(out, picture, sizeof picture);
}

static void put_replacement(Buf *out) { buf_append(out, "\xEF\xBF\xBD", 3); }

// The range the second byte of a sequence led by `c` must be in (Unicode's table 3-7): what rules
// out overlongs, surrogates and code points past U+10FFFF. False when `c` leads no sequence (a
// continuation byte, C0, C1, F5..FF).
static bool utf8_lead(unsigned char c, size_t *length, unsigned char *low, unsigned char *high) {
  *low = 0x80;
  *high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    *length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    *length = 3;
    if (c == 0xE0) *low = 0xA0;
    if (c == 0xED) *high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    *length = 4;
    if (c == 0xF0) *low = 0x90;
    if (c == 0xF4) *high = 0x8F;
  } else {
    return false;
  }
  return true;
}

// The non-ASCII character at `s` (at most `available` bytes): how many bytes it takes, and
// whether they are valid UTF-8 (then *code is its code point). Invalid, the count is the maximal
// subsequence that could have started a character (at least 1): one U+FFFD for a truncated
// "中", not one per byte, as the gateway shows it.
static size_t utf8_next(const unsigned char *s, size_t available, bool *valid, uint32_t *code) {
  size_t length;
  unsigned char low, high;
  *valid = false;
  if (!utf8_lead(s[0], &length, &low, &high)) return 1;
  uint32_t value = s[0] & (0xFF >> (length + 1));
  size_t n = 1;
  for (; n < length && n < available; n++) {
    unsigned char c = s[n];
    if (n == 1 ? (c < low || c > high) : (c & 0xC0) != 0x80) return n;
    value = (value << 6) | (c & 0x3F);
  }
  if (n < length) return n; // cut short by the end of the text
  *valid = true;
  *code = value;
  return n;
}

void text_sanitize(Buf *out, const char *text, size_t length, TextShape shape) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < length;) {
    unsigned char c = s[i];
    if (c == '\n' || c == '\t') {
      buf_putc(out, shape == TEXT_BLOCK ? (char)c : ' ');
      i++;
    } else if (c == '\r' && i + 1 < length && s[i + 1] == '\n') {
      i++; // a Windows line end: the \n that follows stands for both
    } else if (c < 0x20 || c == 0x7F) {
      put_control_picture(out, c);
      i++;
    } else if (c < 0x80) {
      buf_putc(out, (char)c);
      i++;
    } else {
      bool valid;
      uint32_t code = 0;
      size_t n = utf8_next(s + i, length - i, &valid, &code);
      if (valid && code > 0x9F) {
        buf_append(out, text + i, n);
      } else {
        put_replacement(out); // invalid, or a C1 control: the terminal must not see one raw
      }
      i += n;
    }
  }
}

char *text_single_line_n(const char *text, size_t length) {
  Buf out = BUF_INIT;
  text_sanitize(&out, text, length, TEXT_LINE);
  return buf_take(&out);
}

char *text_single_line(const char *text) { return text_single_line_n(text, strlen(text)); }

char *text_member_line(const JsonValue *object, const char *key, const char *fallback) {
  const JsonValue *value = json_get(object, key);
  if (json_string(value) != NULL) return text_single_line_n(json_string(value), json_string_length(value));
  return fallback ? text_single_line(fallback) : NULL;
}

char *text_cut(const char *text, size_t columns) {
  if (text_width(text) <= columns) return xstrdup(text);
  if (columns == 0) return xstrdup("");
  Buf out = BUF_INIT;
  size_t kept = 0;
  const char *p = text;
  // Whole characters only: a lead byte and its continuation bytes.
  while (kept < columns - 1) {
    size_t n = 1;
    while ((((unsigned char)p[n]) & 0xC0) == 0x80) n++;
    buf_append(&out, p, n);
    p += n;
    kept++;
  }
  buf_puts(&out, "\xE2\x80\xA6"); // …
  return buf_take(&out);
}

size_t text_width(const char *text) {
  size_t width = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if ((*p & 0xC0) != 0x80) width++;
  }
  return width;
}

void text_print_safe(FILE *out, const char *text, size_t length) {
  Buf safe = BUF_INIT;
  text_sanitize(&safe, text, length, TEXT_BLOCK);
  fwrite(buf_str(&safe), 1, safe.len, out);
  buf_free(&safe);
}

void text_print_block(FILE *out, const char *title, const char *text, size_t length, size_t max_lines) {
  while (length > 0 && isspace((unsigned char)text[length - 1])) length--;
  if (length == 0) return;
  fprintf(out, "%s:\n", title);
  size_t shown = 0, hidden = 0;
  for (const char *line = text; line < text + length;) {
    const char *end = memchr(line, '\n', (size_t)(text + length - line));
    if (end == NULL) end = text + length;
    if (shown < max_lines) {
      // The line is cut at its \n, so a Windows line end's \r is last here: it is no lone \r.
      size_t bytes = (size_t)(end - line);
      if (bytes > 0 && line[bytes - 1] == '\r' && end < text + length) bytes--;
      fputs("  | ", out);
      text_print_safe(out, line, bytes);
      fputc('\n', out);
      shown++;
    } else {
      hidden++;
    }
    line = end + 1;
  }
  if (hidden > 0) fprintf(out, "  | ... (%zu more line%s)\n", hidden, hidden == 1 ? "" : "s");
}

void text_format_ms(char *out, size_t size, double ms) {
  if (ms < 0) {
    snprintf(out, size, "-");
  } else if (ms < 1) {
    snprintf(out, size, "%.3f ms", ms);
  } else if (ms < 1000) {
    snprintf(out, size, "%.1f ms", ms);
  } else {
    snprintf(out, size, "%.2f s", ms / 1000);
  }
}

bool text_has_line_besides(const char *text, size_t length, const char *except) {
  size_t except_length = except ? strlen(except) : 0;
  for (const char *line = text; line < text + length;) {
    const char *end = memchr(line, '\n', (size_t)(text + length - line));
    if (end == NULL) end = text + length;
    size_t trimmed = (size_t)(end - line);
    while (trimmed > 0 && isspace((unsigned char)line[trimmed - 1])) trimmed--;
    bool blank = true;
    for (size_t i = 0; i < trimmed && blank; i++) blank = isspace((unsigned char)line[i]);
    bool excepted = except != NULL && trimmed == except_length && memcmp(line, except, trimmed) == 0;
    if (!blank && !excepted) return true;
    line = end + 1;
  }
  return false;
}
