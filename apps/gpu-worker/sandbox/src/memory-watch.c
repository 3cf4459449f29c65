#include "memory-watch.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long long page_size(void) { return (unsigned long long)sysconf(_SC_PAGESIZE); }

static unsigned long long round_to_pages(unsigned long long bytes) {
  unsigned long long page = page_size();
  return (bytes + page - 1) / page * page;
}

/* Reads a small /proc file of the thread that made the call; "" when it is already gone. */
static void read_proc(unsigned pid, const char *name, char *buffer, size_t size) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%u/%s", pid, name);
  buffer[0] = '\0';
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ssize_t n = read(fd, buffer, size - 1);
  close(fd);
  buffer[n > 0 ? n : 0] = '\0';
}

/* The address space size the kernel checks RLIMIT_AS against (total_vm, in pages in statm). */
static unsigned long long address_space(unsigned pid) {
  char text[256];
  read_proc(pid, "statm", text, sizeof text);
  return strtoull(text, NULL, 10) * page_size();
}

/* The writable private memory RLIMIT_DATA applies to (data_vm: VmData in status, in kB). */
static unsigned long long data_size(unsigned pid) {
  char text[4096];
  read_proc(pid, "status", text, sizeof text);
  const char *line = strstr(text, "\nVmData:");
  return line ? strtoull(line + strlen("\nVmData:"), NULL, 10) * 1024ULL : 0;
}

/* The kernel's is_data_mapping(): writable, private, not a grows-down stack. */
static bool counts_as_data(unsigned long long prot, unsigned long long flags) {
  return (prot & PROT_WRITE) && !(flags & MAP_SHARED) && !(flags & MAP_GROWSDOWN);
}

void watch_call(struct memory_watch *w, const struct seccomp_notif *call) {
  w->calls++;
  unsigned long long growth;
  bool data;
  const unsigned long long *args = call->data.args;
  if (call->data.nr == SYS_mmap) {
    growth = round_to_pages(args[1]);
    data = counts_as_data(args[2], args[3]);
  } else if (call->data.nr == SYS_mremap) {
    if (args[2] <= args[1]) return;
    growth = round_to_pages(args[2]) - round_to_pages(args[1]);
    data = true; /* the old mapping's protection is unknown here; assume it counts */
  } else {
    return;
  }
  /* Approximate on purpose: a MAP_FIXED mapping that replaces pages is counted in full. It only
   * matters for a program that then fails anyway. */
  if (w->as_limit && address_space(call->pid) + growth > w->as_limit) w->refused = true;
  if (w->data_limit && data && data_size(call->pid) + growth > w->data_limit) w->refused = true;
}
