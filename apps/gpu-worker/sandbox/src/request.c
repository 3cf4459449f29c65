#include "request.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Far above any run's: the paths of its inputs, its variables and its arguments. */
#define MAX_REQUEST_BYTES (1 << 20)

static char *read_all(int fd, size_t *length) {
  size_t size = 4096, used = 0;
  char *buffer = malloc(size + 1);
  while (buffer) {
    ssize_t n = read(fd, buffer + used, size - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (n == 0) {
      buffer[used] = '\0';
      *length = used;
      return buffer;
    }
    used += (size_t)n;
    if (used == size) {
      if (size >= MAX_REQUEST_BYTES) {
        errno = E2BIG;
        break;
      }
      char *grown = realloc(buffer, size * 2 + 1);
      if (!grown) break;
      buffer = grown;
      size *= 2;
    }
  }
  free(buffer);
  return NULL;
}

int read_request(struct options *o, const char **why) {
  size_t length;
  /* Kept for the launcher's life: the options point into it. */
  char *text = read_all(o->request_fd, &length);
  close(o->request_fd);
  o->request_fd = -1;
  if (!text) {
    *why = "reading the request";
    return -1;
  }
  if (length == 0) return 1;
  if (text[length - 1] != '\0') {
    errno = EINVAL;
    *why = "the request (it must end with a NUL)";
    return -1;
  }
  int count = 0;
  for (size_t i = 0; i < length; i++) count += text[i] == '\0';
  char **argv = calloc((size_t)count + 1, sizeof *argv);
  if (!argv) {
    *why = "reading the request";
    return -1;
  }
  char *next = text;
  for (int i = 0; i < count; i++) {
    argv[i] = next;
    next += strlen(next) + 1;
  }
  /* What made the box is settled: a request brings the run's part only. */
  const char *root = o->root_dir;
  bool user_namespace = o->user_namespace;
  int status_fd = o->status_fd, cgroups = o->cgroup_fd_count;
  if (parse_options(count, argv, 0, o) != 0 || finish_options(o) != 0) {
    errno = EINVAL;
    *why = "the request (see the launcher's stderr)";
    return -1;
  }
  if (o->root_dir != root || o->user_namespace != user_namespace || o->status_fd != status_fd ||
      o->cgroup_fd_count != cgroups || o->request_fd >= 0) {
    errno = EINVAL;
    *why = "the request (it may not change the box: --root, --user-namespace, --status-fd, --cgroup-fd, --request-fd)";
    return -1;
  }
  return 0;
}
