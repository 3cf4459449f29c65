/*
 * The program's side of the fork: limits, identity, no_new_privs, the filter, then exec.
 * Any failure before the exec is written to `failure_fd` as "ERRNO STAGE" and the process
 * exits; the pipe is close-on-exec, so a successful exec writes nothing.
 */
#ifndef WB_LAUNCH_H
#define WB_LAUNCH_H

#include <stdbool.h>

#include "options.h"

struct launch_fds {
  /* Write end of the close-on-exec failure pipe. */
  int failure;
  /* Our end of the socket the listener fd goes to the supervisor on; -1 when no listener. */
  int handover;
};

_Noreturn void launch(const struct options *options, bool watch_memory, struct launch_fds fds);

#endif
