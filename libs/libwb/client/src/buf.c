#include "buf.h"

#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(Buf *buf, size_t extra) {
  size_t needed = buf->len + extra + 1; // + the terminating NUL
  if (needed <= buf->cap) return;
  size_t cap = buf->cap ? buf->cap : 64;
  while (cap < needed) cap *= 2;
  buf->data = xrealloc(buf->data, cap);
  buf->cap = cap;
}

void buf_append(Buf *buf, const void *bytes, size_t count) {
  reserve(buf, count);
  if (count > 0) memcpy(buf->data + buf->len, bytes, count);
  buf->len += count;
  buf->data[buf->len] = '\0';
}

void buf_puts(Buf *buf, const char *text) { buf_append(buf, text, strlen(text)); }

void buf_putc(Buf *buf, char c) { buf_append(buf, &c, 1); }

void buf_printf(Buf *buf, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  if (length <= 0) return;
  reserve(buf, (size_t)length);
  va_start(args, format);
  vsnprintf(buf->data + buf->len, (size_t)length + 1, format, args);
  va_end(args);
  buf->len += (size_t)length;
}

const char *buf_str(const Buf *buf) { return buf->data ? buf->data : ""; }

char *buf_take(Buf *buf) {
  char *data = buf->data ? buf->data : xstrdup("");
  buf->data = NULL;
  buf->len = buf->cap = 0;
  return data;
}

void buf_clear(Buf *buf) {
  buf->len = 0;
  if (buf->data) buf->data[0] = '\0';
}

void buf_free(Buf *buf) {
  free(buf->data);
  buf->data = NULL;
  buf->len = buf->cap = 0;
}
