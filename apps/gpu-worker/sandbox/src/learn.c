#include "learn.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "seccomp-api.h"

void learn_call(struct learned *l, const struct seccomp_notif *call) {
  int nr = call->data.nr;
  unsigned long long request = nr == SYS_ioctl ? call->data.args[1] & 0xffffffffULL : 0;
  for (unsigned i = 0; i < l->count; i++) {
    if (l->seen[i].nr == nr && l->seen[i].ioctl == request) {
      l->seen[i].count++;
      return;
    }
  }
  if (l->count == sizeof l->seen / sizeof l->seen[0]) {
    l->dropped++;
    return;
  }
  l->seen[l->count].nr = nr;
  l->seen[l->count].ioctl = request;
  l->seen[l->count].count = 1;
  l->count++;
}

void write_learned(int fd, const struct learned *l) {
  FILE *out = fdopen(fd, "w");
  if (!out) return;
  for (unsigned i = 0; i < l->count; i++) {
    if (l->seen[i].nr == SYS_ioctl) {
      fprintf(out, "ioctl 0x%08llx %lu\n", l->seen[i].ioctl, l->seen[i].count);
      continue;
    }
#ifndef WB_NO_SECCOMP
    char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, l->seen[i].nr);
#else
    char *name = NULL;
#endif
    if (name)
      fprintf(out, "syscall %s %lu\n", name, l->seen[i].count);
    else
      fprintf(out, "syscall #%d %lu\n", l->seen[i].nr, l->seen[i].count);
    free(name);
  }
  if (l->dropped) fprintf(out, "# %u more calls not recorded (table full)\n", l->dropped);
  fclose(out);
}
