/* The seccomp whitelist of a run profile, with the argument checks that make it strict. */
#ifndef WB_FILTER_H
#define WB_FILTER_H

#include <stdbool.h>
#include <sys/types.h>

#include "options.h"

struct filter_plan {
  enum profile profile;
  /* Unlisted calls go to the supervisor (recorded, then let through) instead of killing. */
  bool learn;
  /* mmap and mremap go to the supervisor, which notes an allocation the rlimit will refuse. */
  bool watch_memory;
  /* The program's pid: the only target of kill and tgkill. */
  pid_t self;
  /* execve is allowed with this exact filename pointer only (see exec-path.h)... */
  const void *exec_path;
  /* ...and any other execve goes to the supervisor (exec-check.h) instead of killing. */
  bool check_exec;
  /* The socket the listener fd is handed over on: the one fd sendmsg may use; -1 for none. */
  int handover_fd;
  /* The box's memory cgroup counts every page, so memfd_create may be allowed (box-setup.h). */
  bool memory_counted;
};

/*
 * Loads the filter into the calling process (which must already have no_new_privs). Sets
 * *listener to the notification fd when the plan sends calls to the supervisor, else to -1.
 * Returns -1 with a message in `why` on failure. After this the caller must not call mmap
 * before the listener reaches the supervisor: that call would wait for an answer nobody gives.
 */
int load_filter(const struct filter_plan *plan, int *listener, const char **why);

#ifndef WB_NO_SECCOMP
#include "seccomp-api.h"
/* Builds the plan's filter with libseccomp, without loading it (learning, and the build-time generator). */
int build_filter(const struct filter_plan *plan, scmp_filter_ctx *out, const char **why);
#endif

#endif
