#include "rlimits.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "profiles.h"

#define MIB (1024L * 1024L)

/*
 * Only ever lowers a limit: an unprivileged launcher cannot raise a hard limit, and a
 * privileged one must not hand the program more than the worker itself was given.
 */
static int lower_limit(int resource, rlim_t soft, rlim_t hard) {
  struct rlimit current;
  if (getrlimit(resource, &current) != 0) return -1;
  if (current.rlim_max != RLIM_INFINITY && hard > current.rlim_max) hard = current.rlim_max;
  if (soft > hard) soft = hard;
  struct rlimit wanted = {.rlim_cur = soft, .rlim_max = hard};
  return setrlimit(resource, &wanted);
}

int apply_limits(const struct options *o) {
  /* A crash must not write a core file of the program's memory into its output directory. */
  if (lower_limit(RLIMIT_CORE, 0, 0) != 0) return -1;
  /*
   * SIGXCPU at the soft limit (the verdict is "timeout"), SIGKILL one second later for a
   * program that ignores it. The worker's wall-clock timer is the main time limit; this one
   * stops CPU burning in threads of a program that sleeps in its main thread.
   */
  if (o->cpu_s > 0 && lower_limit(RLIMIT_CPU, (rlim_t)o->cpu_s, (rlim_t)o->cpu_s + 1) != 0) return -1;
  if (o->as_mb > 0 && lower_limit(RLIMIT_AS, (rlim_t)(o->as_mb * MIB), (rlim_t)(o->as_mb * MIB)) != 0) return -1;
  if (o->data_mb > 0 && lower_limit(RLIMIT_DATA, (rlim_t)(o->data_mb * MIB), (rlim_t)(o->data_mb * MIB)) != 0)
    return -1;
  /* Past this size a write raises SIGXFSZ; the worker sees an output file over its cap. */
  if (o->fsize_mb > 0 && lower_limit(RLIMIT_FSIZE, (rlim_t)(o->fsize_mb * MIB), (rlim_t)(o->fsize_mb * MIB)) != 0)
    return -1;
  if (o->nofile > 0 && lower_limit(RLIMIT_NOFILE, (rlim_t)o->nofile, (rlim_t)o->nofile) != 0) return -1;
  /* Counts threads too (fork itself is refused by the filter), per uid across the machine. */
  if (o->nproc > 0 && lower_limit(RLIMIT_NPROC, (rlim_t)o->nproc, (rlim_t)o->nproc) != 0) return -1;
  /* glibc also sizes each thread's stack from this limit, so it is kept modest. */
  if (o->stack_mb > 0 && lower_limit(RLIMIT_STACK, (rlim_t)(o->stack_mb * MIB), (rlim_t)(o->stack_mb * MIB)) != 0)
    return -1;
  /*
   * Locked memory: only the CUDA runtime pins host buffers (cudaHostAlloc), within the memory
   * it may have anyway; every other program needs none, and pinned pages cannot be reclaimed.
   */
  rlim_t memlock = profile_is_cuda(o->profile) && o->data_mb > 0 ? (rlim_t)(o->data_mb * MIB) : 0;
  if (!profile_is_cuda(o->profile) || o->data_mb > 0)
    if (lower_limit(RLIMIT_MEMLOCK, memlock, memlock) != 0) return -1;
  /* Nothing a lab needs, and each is a way to hold kernel memory or starve the machine. */
  if (lower_limit(RLIMIT_MSGQUEUE, 0, 0) != 0) return -1;
  if (lower_limit(RLIMIT_RTPRIO, 0, 0) != 0) return -1;
  return 0;
}
