#include "box-namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t length = strlen(text);
  ssize_t n = write(fd, text, length);
  int saved = errno;
  close(fd);
  errno = saved;
  return n == (ssize_t)length ? 0 : -1;
}

/*
 * In a user namespace, the launcher's own uid and gid map to themselves: the program runs as the
 * worker's uid, never as the namespace's root. A process may write its own maps only while it is
 * dumpable (/proc/self is root's otherwise); nothing else runs in the box yet to make use of it.
 */
static int map_own_ids(uid_t uid, gid_t gid, const char **why) {
  char map[64];
  prctl(PR_SET_DUMPABLE, 1);
  int rc = -1;
  if (write_file("/proc/self/setgroups", "deny") != 0) *why = "denying setgroups in the box's user namespace";
  else if (snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid), write_file("/proc/self/uid_map", map) != 0)
    *why = "mapping the uid in the box's user namespace";
  else if (snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid), write_file("/proc/self/gid_map", map) != 0)
    *why = "mapping the gid in the box's user namespace";
  else rc = 0;
  int saved = errno;
  prctl(PR_SET_DUMPABLE, 0);
  errno = saved;
  return rc;
}

/* The outer launcher's whole job once the box runs: be its parent, and end as it ended. */
static _Noreturn void wait_for_box(pid_t box) {
  int status;
  while (waitpid(box, &status, 0) < 0) {
    if (errno != EINTR) _exit(125);
  }
  _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

int enter_box_namespaces(const struct options *o, const char **why) {
  uid_t uid = getuid();
  gid_t gid = getgid();
  int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
  if (o->user_namespace) flags |= CLONE_NEWUSER;
  pid_t box = (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
  if (box < 0) {
    *why = "making the box's namespaces";
    return -1;
  }
  if (box > 0) wait_for_box(box);

  /* The box ends with the launcher outside. The worker's kill of the process group on a
   * timeout reaches this one too; this is the second way. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
    *why = "PR_SET_PDEATHSIG";
    return -1;
  }
  if (o->user_namespace && map_own_ids(uid, gid, why) != 0) return -1;
  /* A compile has no filter to refuse namespace calls: in the box's user namespace, none may be
   * made below it (the limit is the box's own, not the host's). */
  if (o->user_namespace && o->profile == PROFILE_COMPILE && write_file("/proc/sys/user/max_user_namespaces", "0") != 0) {
    *why = "forbidding user namespaces in the box";
    return -1;
  }
  return 0;
}
