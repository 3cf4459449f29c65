#include "exec-check.h"

#include <stdint.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/*
 * Reads the NUL-terminated path from the caller's memory a page at a time: a read that
 * crosses into an unmapped page fails whole, and the string may end just before one.
 */
static bool read_path(pid_t pid, uintptr_t address, char *path, size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t done = 0;
  while (done < size - 1) {
    uintptr_t at = address + done;
    size_t chunk = page - at % page;
    if (chunk > size - 1 - done) chunk = size - 1 - done;
    struct iovec local = {.iov_base = path + done, .iov_len = chunk};
    struct iovec remote = {.iov_base = (void *)at, .iov_len = chunk};
    if (process_vm_readv(pid, &local, 1, &remote, 1, 0) != (ssize_t)chunk) return false;
    if (memchr(path + done, '\0', chunk)) return true;
    done += chunk;
  }
  return false; /* longer than any path the check would accept */
}

bool exec_allowed(const struct options *o, const struct seccomp_notif *call) {
  char path[4096];
  if (!read_path((pid_t)call->pid, (uintptr_t)call->data.args[0], path, sizeof path)) return false;
  for (int i = 0; i < o->allow_exec_count; i++)
    if (strcmp(path, o->allow_exec[i]) == 0) return true;
  return false;
}
