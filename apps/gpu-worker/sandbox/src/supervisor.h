/*
 * The launcher's side of the fork. It stays outside the filter, as the same unprivileged uid,
 * answers the filter's notifications (memory watch, learning), waits for the program and
 * says how it ended. The program cannot reach it: kill is limited to its own pid, ptrace is
 * refused, and the supervisor is not dumpable, so /proc/<pid>/mem is closed to it.
 */
#ifndef WB_SUPERVISOR_H
#define WB_SUPERVISOR_H

#include <stdbool.h>
#include <sys/types.h>

#include "options.h"
#include "outcome.h"

struct supervisor_fds {
  /* Read end of the launch failure pipe (launch.h). */
  int failure;
  /* Our end of the listener handover socket; -1 when no listener is coming. */
  int handover;
};

void supervise(pid_t program, const struct options *options, bool watch_memory, struct supervisor_fds fds,
               struct outcome *outcome);

#endif
