// Local files: whole-file reads, atomic writes (a crash or Ctrl-C never leaves half a program or
// half a config), directory trees, and names that are safe to use as one path component.
#ifndef WB_CLIENT_FILES_H
#define WB_CLIENT_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

// The whole file, NUL-terminated (it may contain other NULs: use `length`). NULL with errno set
// on failure; EFBIG when it is larger than `max_bytes`.
char *file_read(const char *path, size_t max_bytes, size_t *length);
// Writes to a temporary file beside `path`, then renames it over `path`. A new file gets `mode`;
// so does a replaced one (the temporary file is created with it). 0, or -1 with errno set.
int file_write_atomic(const char *path, const void *data, size_t length, mode_t mode);
bool file_exists(const char *path);
bool dir_exists(const char *path);
// mkdir -p: 0, or -1 with errno set.
int dir_make_all(const char *path, mode_t mode);
// rm -rf without following symbolic links. 0, or -1 with errno set.
int dir_remove_tree(const char *path);
// "a/b" (no doubled slash when `a` ends in one).
char *path_join(const char *a, const char *b);
// The absolute form of `path` (which need not exist) relative to the working directory.
char *path_absolute(const char *path);
// A name that is safe as one path component from the server: letters, digits, '.', '_', '-',
// not starting with '.', at most 100 bytes. Keeps a hostile answer from writing outside ./<lab>/.
bool is_safe_file_name(const char *name);

#endif
