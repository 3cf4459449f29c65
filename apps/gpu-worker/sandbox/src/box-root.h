/*
 * The box's file system, built by the launcher in the box's own mount namespace: a small tmpfs
 * becomes the root, the worker's list of mounts is laid out in it (read-only /usr, a private
 * /proc, a minimal /dev, size-capped /tmp, the bound paths), and then it replaces the host's
 * root. The list is the worker's (box-layout.ts), in a subset of bubblewrap's vocabulary:
 *
 *   --ro-bind SRC DST, --ro-bind-try SRC DST, --bind SRC DST, --dev-bind SRC DST
 *   --symlink TARGET PATH, --dir PATH, --tmpfs PATH, --proc PATH, --remount-ro PATH
 *   --perms OCTAL and --size BYTES, which apply to the next --dir or --tmpfs
 *
 * Every bind is nosuid, and nodev but for --dev-bind; read-only binds are read-only all the way
 * down (their submounts too).
 */
#ifndef WB_BOX_ROOT_H
#define WB_BOX_ROOT_H

#include <stdbool.h>

enum mount_kind { MOUNT_RO_BIND, MOUNT_BIND, MOUNT_DEV_BIND, MOUNT_SYMLINK, MOUNT_DIR, MOUNT_TMPFS, MOUNT_PROC, MOUNT_REMOUNT_RO };

struct mount_op {
  enum mount_kind kind;
  /* Bind source or symlink target (NULL for the others). */
  const char *source;
  /* Where in the box: an absolute path without "..". */
  const char *path;
  /* --ro-bind-try: a source that does not exist is skipped. */
  bool optional;
  /* --dir and --tmpfs: the folder's mode; --tmpfs: its size in bytes (0: the kernel's default). */
  unsigned mode;
  long long size;
};

#define MAX_MOUNT_OPS 160

struct box_layout {
  struct mount_op ops[MAX_MOUNT_OPS];
  int count;
  /* How many are laid out already (a box made ahead gets the rest later), and whether the root is mounted. */
  int applied;
  bool root_mounted;
  /* Pending --perms / --size for the next --dir or --tmpfs. */
  unsigned next_mode;
  long long next_size;
};

/*
 * Consumes one layout option at argv[*i] (and its values) into `layout`. Returns 1 when it was
 * one, 0 when argv[*i] is not a layout option, -1 (after saying why) on a bad one.
 */
int parse_layout_option(int argc, char **argv, int *i, struct box_layout *layout);

/*
 * In the box's fresh mount namespace, with CAP_SYS_ADMIN over it: mounts the new root on
 * `root_dir` (an empty folder of the worker's; the mount is the box's alone) the first time, and
 * lays out every operation not laid out yet, while the host's tree is still there to bind from.
 * Every tmpfs gets at most `inodes` files where that is above 0. Returns -1 with the step in
 * `why` (errno set).
 */
int lay_out_box(struct box_layout *layout, const char *root_dir, long inodes, const char **why);

/* Pivots into the laid-out root and detaches the host's tree: no path leads back to it. */
int enter_box_root(const char *root_dir, const char **why);

#endif
