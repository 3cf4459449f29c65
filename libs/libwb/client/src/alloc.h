// Allocation that cannot fail: a command-line tool has nothing sensible to do when memory runs
// out but say so and stop, and checking every allocation would bury the logic.
#ifndef WB_CLIENT_ALLOC_H
#define WB_CLIENT_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *pointer, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);
// A printf into a fresh string.
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
