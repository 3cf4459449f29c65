#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static void emit(const char *prefix, const char *format, va_list args) {
  // stdout may hold a half-written table; flush it so the message lands after it, not inside.
  fflush(stdout);
  fputs(prefix, stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
}

void diag_error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("wb: error: ", format, args);
  va_end(args);
}

void diag_warn(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("wb: warning: ", format, args);
  va_end(args);
}

void diag_hint(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("  hint: ", format, args);
  va_end(args);
}

void diag_note(const char *format, ...) {
  va_list args;
  va_start(args, format);
  emit("wb: ", format, args);
  va_end(args);
}
