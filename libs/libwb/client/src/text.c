#include "text.h"

#include "alloc.h"
#include "buf.h"
#include "json.h"

#include <ctype.h>
#include <string.h>

// The UTF-8 sequences stay; bytes that are not valid UTF-8 become '?', so a terminal never sees a
// stray escape introducer such as the C1 CSI (0x9B) on its own.
static void append_safe(Buf *out, const char *text, size_t length, int keep_newlines) {
  for (size_t i = 0; i < length;) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\n' || c == '\t') {
      buf_putc(out, keep_newlines ? (char)c : ' ');
      i++;
    } else if (c == '\r') {
      // Windows line ends: drop the \r before a \n, show a lone one.
      if (!(i + 1 < length && text[i + 1] == '\n')) buf_putc(out, keep_newlines ? '?' : ' ');
      i++;
    } else if (c < 0x20 || c == 0x7F) {
      buf_putc(out, '?');
      i++;
    } else if (c < 0x80) {
      buf_putc(out, (char)c);
      i++;
    } else {
      size_t bad = 0;
      size_t n = 1;
      while (n < 4 && i + n < length && (((unsigned char)text[i + n]) & 0xC0) == 0x80) n++;
      if (utf8_valid(text + i, n, &bad)) {
        buf_append(out, text + i, n);
        i += n;
      } else {
        buf_putc(out, '?');
        i++;
      }
    }
  }
}

char *text_single_line(const char *text) {
  Buf out = BUF_INIT;
  append_safe(&out, text, strlen(text), 0);
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
  append_safe(&safe, text, length, 1);
  fwrite(buf_str(&safe), 1, safe.len, out);
  buf_free(&safe);
}

void text_print_block(FILE *out, const char *title, const char *text, size_t max_lines) {
  size_t length = strlen(text);
  while (length > 0 && isspace((unsigned char)text[length - 1])) length--;
  if (length == 0) return;
  fprintf(out, "%s:\n", title);
  size_t shown = 0, hidden = 0;
  for (const char *line = text; line < text + length;) {
    const char *end = memchr(line, '\n', (size_t)(text + length - line));
    if (end == NULL) end = text + length;
    if (shown < max_lines) {
      fputs("  | ", out);
      text_print_safe(out, line, (size_t)(end - line));
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

bool text_has_line_besides(const char *text, const char *except) {
  size_t except_length = except ? strlen(except) : 0;
  for (const char *line = text; *line;) {
    size_t length = strcspn(line, "\n");
    size_t trimmed = length;
    while (trimmed > 0 && isspace((unsigned char)line[trimmed - 1])) trimmed--;
    bool blank = true;
    for (size_t i = 0; i < trimmed && blank; i++) blank = isspace((unsigned char)line[i]);
    bool excepted = except != NULL && trimmed == except_length && strncmp(line, except, trimmed) == 0;
    if (!blank && !excepted) return true;
    line += length + (line[length] == '\n');
  }
  return false;
}
