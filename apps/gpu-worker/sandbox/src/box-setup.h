/*
 * What the launcher does as the box's init before the program exists, while it still holds its
 * capabilities. First (a box made ahead does this before it is asked for): join the box's
 * cgroups and lay out the box's root so far. Then, once the whole command line is there: the
 * rest of the layout, the folder the program's files go to, the pivot into the root, the
 * program's capped writable space, and every capability given up but the two the uid change
 * needs.
 */
#ifndef WB_BOX_SETUP_H
#define WB_BOX_SETUP_H

#include "options.h"

/* Both return -1 with the failing step in `why` (and errno set); the program must then not run. */
int prepare_box(struct options *options, const char **why);
int seal_box(struct options *options, const char **why);

#endif
