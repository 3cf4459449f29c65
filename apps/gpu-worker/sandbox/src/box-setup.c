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

/*
 * Writing 0 to a cgroup's cgroup.procs moves the writer itself (v1 and v2 alike), so no pid has
 * to be translated out of the box's pid namespace. Every process the program makes starts in
 * the cgroup too: memory, pids and CPU are counted from its first instruction.
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

/* Caps files as well as bytes: each empty file on a tmpfs is kernel memory of its own. */
static int limit_inodes(const char *path, long inodes, const char **why) {
  char data[64];
  snprintf(data, sizeof data, "nr_inodes=%ld", inodes);
  if (mount(NULL, path, NULL, MS_REMOUNT | MS_NOSUID | MS_NODEV, data) != 0) {
    *why = path[1] == 't' ? "limiting the files in /tmp" : "limiting the files in /dev/shm";
    return -1;
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
 * The ambient set goes first: bubblewrap fills it so that its --cap-add reach the launcher.
 */
static int drop_capabilities(const struct options *o, const char **why) {
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

int set_up_box(const struct options *o, const char **why) {
  if (join_cgroups(o, why) != 0) return -1;
  if (o->inodes > 0 && (limit_inodes("/tmp", o->inodes, why) != 0 || limit_inodes("/dev/shm", o->inodes, why) != 0))
    return -1;
  if (o->scratch_mb > 0 && mount_scratch(o, why) != 0) return -1;
  return drop_capabilities(o, why);
}
