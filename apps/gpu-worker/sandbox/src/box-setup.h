/*
 * What the launcher does as the box's init before the program exists, while it still holds the
 * capabilities bubblewrap left it: join the box's cgroups, give the program its capped writable
 * space, then give up every capability but the two the uid change needs.
 */
#ifndef WB_BOX_SETUP_H
#define WB_BOX_SETUP_H

#include "options.h"

/* Returns -1 with the failing step in `why` (and errno set); the program must then not run. */
int set_up_box(const struct options *options, const char **why);

#endif
