/* Who the program runs as. */
#ifndef WB_IDENTITY_H
#define WB_IDENTITY_H

/*
 * When the launcher starts as root (a root worker, no user namespace), becomes uid/gid for good:
 * supplementary groups cleared, real, effective and saved ids all changed, capabilities gone
 * with them. Not root: nothing to drop (the box's user namespace maps the worker's own
 * unprivileged uid), and uid/gid must be -1 or the current ids.
 * Returns -1 with a message in `why` on failure; the caller must then not run the program.
 */
int become(long uid, long gid, const char **why);

#endif
