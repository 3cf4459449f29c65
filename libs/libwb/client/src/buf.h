// A growable byte buffer: HTTP bodies, JSON text, captured program output.
#ifndef WB_CLIENT_BUF_H
#define WB_CLIENT_BUF_H

#include <stddef.h>

typedef struct {
  char *data; // always NUL-terminated after the first append (data[len] == '\0'), or NULL
  size_t len;
  size_t cap;
} Buf;

#define BUF_INIT {NULL, 0, 0}

void buf_append(Buf *buf, const void *bytes, size_t count);
void buf_puts(Buf *buf, const char *text);
void buf_putc(Buf *buf, char c);
void buf_printf(Buf *buf, const char *format, ...) __attribute__((format(printf, 2, 3)));
// The contents as a C string ("" when empty); valid until the next change.
const char *buf_str(const Buf *buf);
// Hands the contents over to the caller (never NULL) and leaves the buffer empty.
char *buf_take(Buf *buf);
void buf_clear(Buf *buf);
void buf_free(Buf *buf);

#endif
