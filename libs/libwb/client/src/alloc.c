#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size) {
  fprintf(stderr, "wb: out of memory (asked for %zu bytes)\n", size);
  exit(70); // EX_SOFTWARE: not one of wb's documented outcomes
}

void *xmalloc(size_t size) {
  void *pointer = malloc(size ? size : 1);
  if (pointer == NULL) out_of_memory(size);
  return pointer;
}

void *xcalloc(size_t count, size_t size) {
  void *pointer = calloc(count ? count : 1, size ? size : 1);
  if (pointer == NULL) out_of_memory(count * size);
  return pointer;
}

void *xrealloc(void *pointer, size_t size) {
  void *grown = realloc(pointer, size ? size : 1);
  if (grown == NULL) out_of_memory(size);
  return grown;
}

char *xstrdup(const char *text) { return xstrndup(text, strlen(text)); }

char *xstrndup(const char *text, size_t length) {
  char *copy = xmalloc(length + 1);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

char *xasprintf(const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  if (length < 0) out_of_memory(0);
  char *text = xmalloc((size_t)length + 1);
  va_start(args, format);
  vsnprintf(text, (size_t)length + 1, format, args);
  va_end(args);
  return text;
}
