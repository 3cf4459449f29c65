#include "files.h"

#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *file_read(const char *path, size_t max_bytes, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (file == NULL) return NULL;
  size_t cap = 4096, len = 0;
  char *data = xmalloc(cap + 1);
  for (;;) {
    if (len == cap) {
      if (cap > max_bytes) break; // already more than allowed: no need to read the rest
      cap *= 2;
      data = xrealloc(data, cap + 1);
    }
    size_t n = fread(data + len, 1, cap - len, file);
    len += n;
    if (n == 0) break;
  }
  int failed = ferror(file);
  int saved = errno;
  fclose(file);
  if (failed || len > max_bytes) {
    free(data);
    errno = failed ? (saved ? saved : EIO) : EFBIG;
    return NULL;
  }
  data[len] = '\0';
  if (length) *length = len;
  return data;
}

static int write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, data, length);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += n;
    length -= (size_t)n;
  }
  return 0;
}

int file_write_atomic(const char *path, const void *data, size_t length, mode_t mode) {
  char *temporary = xasprintf("%s.wb-tmp-XXXXXX", path);
  int fd = mkstemp(temporary);
  if (fd < 0) {
    free(temporary);
    return -1;
  }
  // mkstemp creates 0600; set the mode wanted (0600 for secrets stays 0600, never wider first).
  int failed = fchmod(fd, mode) != 0 || write_all(fd, data, length) != 0 || fsync(fd) != 0;
  int saved = errno;
  if (close(fd) != 0 && !failed) {
    failed = 1;
    saved = errno;
  }
  if (!failed && rename(temporary, path) != 0) {
    failed = 1;
    saved = errno;
  }
  if (failed) unlink(temporary);
  free(temporary);
  errno = saved;
  return failed ? -1 : 0;
}

bool file_exists(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

bool dir_exists(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

int dir_make_all(const char *path, mode_t mode) {
  if (path[0] == '\0') {
    errno = ENOENT;
    return -1;
  }
  char *copy = xstrdup(path);
  int result = 0;
  for (char *p = copy + 1; ; p++) {
    if (*p != '/' && *p != '\0') continue;
    char saved = *p;
    *p = '\0';
    if (mkdir(copy, mode) != 0 && errno != EEXIST) {
      result = -1;
    } else if (!dir_exists(copy)) {
      errno = ENOTDIR;
      result = -1;
    }
    *p = saved;
    if (result != 0 || saved == '\0') break;
  }
  int saved_errno = errno;
  free(copy);
  errno = saved_errno;
  return result;
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk) {
  (void)info;
  (void)walk;
  return (type == FTW_DP ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT ? 0 : -1;
}

int dir_remove_tree(const char *path) {
  // FTW_PHYS: a symbolic link inside is removed itself, never the thing it points to.
  return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *path_join(const char *a, const char *b) {
  size_t n = strlen(a);
  return n > 0 && a[n - 1] == '/' ? xasprintf("%s%s", a, b) : xasprintf("%s/%s", a, b);
}

char *path_absolute(const char *path) {
  if (path[0] == '/') return xstrdup(path);
  char *cwd = getcwd(NULL, 0);
  if (cwd == NULL) return xstrdup(path);
  char *joined = path_join(cwd, path);
  free(cwd);
  return joined;
}

bool is_safe_file_name(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n > 100 || name[0] == '.') return false;
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}
