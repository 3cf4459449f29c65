#include "box-setup.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "box-root.h"

/*
 * Writing 0 to the file the worker opened (v2 `cgroup.procs`, v1 `tasks`) moves the writer
 * itself, so no pid has to be translated out of the box's pid namespace. v1's `tasks` moves the
 * calling thread only, which is the whole launcher: it never starts a thread. Every process the
 * program makes starts in the cgroup too: memory, pids and CPU are counted from its first
 * instruction.
 */
static int join_cgroups(const struct options *o, const char **why) {
  for (int i = 0; i < o->cgroup_fd_count; i++) {
    int fd = o->cgroup_fds[i];
    ssize_t n;
    do n = write(fd, "0\n", 2);
    while (n < 0 && errno == EINTR);
    if (n != 2) {
      *why = "joining the box's cgroup";
      return -1;
    }
    close(fd);
  }
  return 0;
}

/*
 * The program's folder becomes a tmpfs of its own, capped in bytes and files: it writes there and
 * nowhere on the host's disk. Its files reach the worker only through the supervisor's copy at
 * the end (box-teardown.h). The folder belongs to the program's uid and nobody else may enter.
 */
static int mount_scratch(const struct options *o, const char **why) {
  uid_t uid = o->uid >= 0 ? (uid_t)o->uid : getuid();
  gid_t gid = o->gid >= 0 ? (gid_t)o->gid : getgid();
  char data[160];
  snprintf(data, sizeof data, "size=%ldm,nr_inodes=%ld,mode=0700,uid=%u,gid=%u", o->scratch_mb,
           o->inodes > 0 ? o->inodes : 1024L, (unsigned)uid, (unsigned)gid);
  if (mount("wb-scratch", o->chdir_path, "tmpfs", MS_NOSUID | MS_NODEV, data) != 0) {
    *why = "mounting the program's writable folder";
    return -1;
  }
  return 0;
}

/*
 * Every capability goes but CAP_SETUID and CAP_SETGID, which the uid change (identity.h) uses
 * and then loses with the rest; in a user namespace there is no uid change, so none is kept.
 */
static int drop_capabilities(const struct options *o, const char **why) {
  /* The bounding set first, so that no exec could ever give any of them back. */
  for (int cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) {
      *why = "dropping the capability bounding set";
      return -1;
    }
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
    *why = "clearing the ambient capabilities";
    return -1;
  }
  struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (o->uid >= 0) {
    data[0].effective = data[0].permitted = (1U << CAP_SETUID) | (1U << CAP_SETGID);
  }
  if (syscall(SYS_capset, &header, data) != 0) {
    *why = "dropping capabilities";
    return -1;
  }
  return 0;
}

int prepare_box(struct options *o, const char **why) {
  if (join_cgroups(o, why) != 0) return -1;
  /* Each tmpfs is capped in files as well as bytes: each empty file is kernel memory of its own. */
  return o->root_dir ? lay_out_box(&o->layout, o->root_dir, o->inodes, why) : 0;
}

/* Opened while the host's tree is still there; the supervisor copies the program's files into it at the end. */
static int open_export_dir(struct options *o, const char **why) {
  o->export_fd = open(o->export_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (o->export_fd < 0) {
    *why = "opening the folder the program's files go to";
    return -1;
  }
  return 0;
}

int seal_box(struct options *o, const char **why) {
  if (o->root_dir) {
    if (lay_out_box(&o->layout, o->root_dir, o->inodes, why) != 0) return -1;
    if (o->export_dir && open_export_dir(o, why) != 0) return -1;
    if (enter_box_root(o->root_dir, why) != 0) return -1;
  }
  if (o->scratch_mb > 0 && mount_scratch(o, why) != 0) return -1;
  return drop_capabilities(o, why);
}
