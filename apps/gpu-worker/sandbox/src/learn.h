/*
 * Learning mode (--learn FILE), for finding what a profile lacks on a new machine (the GPU
 * check): calls the whitelist would kill are recorded and let through, and so is every ioctl
 * request the cuda profile lets through. Never for student code.
 */
#ifndef WB_LEARN_H
#define WB_LEARN_H

#include <linux/seccomp.h>

struct learned {
  struct {
    int nr;
    unsigned long long ioctl; /* the request when nr is ioctl */
    unsigned long count;
  } seen[512];
  unsigned count;
  unsigned dropped;
};

void learn_call(struct learned *learned, const struct seccomp_notif *call);

/* One line per distinct call: "syscall NAME COUNT" or "ioctl 0xREQUEST COUNT". */
void write_learned(int fd, const struct learned *learned);

#endif
