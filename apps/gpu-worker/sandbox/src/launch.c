#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec-path.h"
#include "filter.h"
#include "handover.h"
#include "identity.h"
#include "rlimits.h"

extern char **environ;

/*
 * Whatever the worker's process tree left open (the launcher's own fds included) must not reach
 * the program: everything above stderr closes at exec. close_range needs Linux 5.11.
 */
static void close_inherited_on_exec(void) {
  if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  for (int fd = 3; fd < 65536; fd++) (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Stack buffer and write(2) only: after the filter is loaded, that is all that is safe. */
static _Noreturn void fail(int fd, int error, const char *stage) {
  char message[256];
  int length = snprintf(message, sizeof message, "%d %s", error, stage);
  if (length > 0) {
    ssize_t ignored = write(fd, message, (size_t)length < sizeof message ? (size_t)length : sizeof message - 1);
    (void)ignored;
  }
  _exit(127);
}

/*
 * When the box's memory runs out (its cgroup), the kernel kills the process it scores worst:
 * always the program, never the supervisor, which must live to report. Raising one's own score
 * needs no privilege, and the program cannot lower it again. /proc/self belongs to root while
 * the process is not dumpable (main.c), so dumpable for this one write: nothing else of the
 * box runs yet to make use of it.
 */
static int prefer_for_oom_kill(void) {
  prctl(PR_SET_DUMPABLE, 1);
  int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  ssize_t n = fd < 0 ? -1 : write(fd, "1000", 4);
  int saved = errno;
  if (fd >= 0) close(fd);
  prctl(PR_SET_DUMPABLE, 0);
  errno = saved;
  return n == 4 ? 0 : -1;
}

_Noreturn void launch(const struct options *o, bool watch_memory, struct launch_fds fds) {
  pid_t supervisor = getppid();
  if (o->cgroup_fd_count > 0 && prefer_for_oom_kill() != 0) fail(fds.failure, errno, "setting oom_score_adj");
  if (apply_limits(o) != 0) fail(fds.failure, errno, "setting the resource limits");
  const char *why = NULL;
  if (become(o->uid, o->gid, &why) != 0) fail(fds.failure, errno, why);
  /* After the uid change: the folder is the sandbox uid's own (0700). */
  if (o->chdir_path && chdir(o->chdir_path) != 0) fail(fds.failure, errno, "entering the working folder");
  /* Set after the uid change, which clears it. If the supervisor dies, nobody would answer
   * the filter's notifications or report the outcome: the program goes too. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(fds.failure, errno, "PR_SET_PDEATHSIG");
  if (getppid() != supervisor) fail(fds.failure, ESRCH, "the supervisor died");
  /* No setuid binary, file capability or LSM transition can hand the program more rights. */
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail(fds.failure, errno, "PR_SET_NO_NEW_PRIVS");
  close_inherited_on_exec();

  if (o->profile == PROFILE_COMPILE) {
    execvp(o->command[0], o->command);
    fail(fds.failure, errno, "exec");
  }

#ifdef WB_NO_SECCOMP
  /* Reached only with --allow-no-seccomp (main.c): the GPU check's unfiltered run. */
  (void)watch_memory;
  execv(o->command[0], o->command);
  fail(fds.failure, errno, "exec");
#else
  /* The filter allows execve of this path only, so the path must be where execve looks. */
  if (!strchr(o->command[0], '/')) fail(fds.failure, EINVAL, "the program must be given as a path");
  const char *path = place_exec_path(o->command[0]);
  if (!path) fail(fds.failure, errno, "placing the program path");
  struct filter_plan plan = {
      .profile = o->profile,
      .learn = o->learn_path != NULL,
      .watch_memory = watch_memory,
      .self = getpid(),
      .exec_path = path,
      .check_exec = o->allow_exec_count > 0 && !o->learn_path,
      .handover_fd = fds.handover,
      .memory_counted = o->cgroup_fd_count > 0,
  };
  int listener;
  if (load_filter(&plan, &listener, &why) != 0) fail(fds.failure, errno, why);
  if (listener >= 0) {
    if (send_fd(fds.handover, listener) != 0) fail(fds.failure, errno, "handing the listener over");
    close(listener);
    close(fds.handover);
  }
  syscall(SYS_execve, path, o->command, environ);
  fail(fds.failure, errno, "exec");
#endif
}
