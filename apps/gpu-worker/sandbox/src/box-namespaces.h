/*
 * The box's namespaces, made by the launcher itself: mount, pid, network, IPC, UTS and cgroup,
 * and under a worker that is not root a user namespace too. The launcher that the worker started
 * stays outside as the box's parent; the process that comes back inside is the box's pid 1.
 */
#ifndef WB_BOX_NAMESPACES_H
#define WB_BOX_NAMESPACES_H

#include "options.h"

/*
 * Outside: starts the box's pid 1, waits for it and exits with its status (never returns).
 * Inside: returns 0 as pid 1 of the new namespaces, its uid mapped (user namespace), dying with
 * the launcher outside. Returns -1 with `why` (errno set) when the box cannot be made.
 */
int enter_box_namespaces(const struct options *options, const char **why);

#endif
