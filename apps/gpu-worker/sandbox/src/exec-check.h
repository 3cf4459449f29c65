/*
 * Later execs, for the one profile that needs them: PoCL (CPU OpenCL) links each kernel it
 * compiles by running /usr/bin/ld through posix_spawn. The filter sends every execve but the
 * launcher's own to the supervisor, which lets it through only for a path given with
 * --allow-exec and refuses it with EACCES otherwise.
 *
 * This is a check of good behaviour, not a security boundary: another thread of the program
 * could change the path between the check and the exec. That gains nothing, though: the new
 * image still runs under the same inherited filter, uid, limits and box as the program's own
 * code, which is already arbitrary machine code. The boundary is those, not the exec.
 */
#ifndef WB_EXEC_CHECK_H
#define WB_EXEC_CHECK_H

#include <linux/seccomp.h>
#include <stdbool.h>

#include "options.h"

/* Whether the execve in `call` names one of the --allow-exec paths. */
bool exec_allowed(const struct options *options, const struct seccomp_notif *call);

#endif
