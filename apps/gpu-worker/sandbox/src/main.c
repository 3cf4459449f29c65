/*
 * wb-sandbox: makes a box (namespaces, a file system of its own, a cgroup) and runs one compiler
 * or student program in it with resource limits, an unprivileged identity, no_new_privs and a
 * seccomp whitelist, and tells the worker how it ended. See ../README.md for the design and the reasons behind it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "box-namespaces.h"
#include "box-setup.h"
#include "launch.h"
#include "options.h"
#include "outcome.h"
#include "profiles.h"
#include "request.h"
#include "seccomp-api.h"
#include "supervisor.h"

static int die(const char *what) {
  fprintf(stderr, "wb-sandbox: %s: %s\n", what, strerror(errno));
  return 125;
}

/* A failure of the box's own making: the worker hears of it on the status pipe, never as the program's fate. */
static int report_failure(const struct options *o, const char *why) {
  struct outcome failed = {.exit_code = -1};
  snprintf(failed.error, sizeof failed.error, "%s: %s", why, strerror(errno));
  fprintf(stderr, "wb-sandbox: %s\n", failed.error);
  write_outcome(o->status_fd, &failed);
  return 125;
}

/* The program's environment is exactly the --setenv variables. */
static int set_environment(const struct options *o) {
  if (clearenv() != 0) return -1;
  for (int i = 0; i < o->env_count; i++)
    if (setenv(o->env[i].name, o->env[i].value, 1) != 0) return -1;
  return 0;
}

int main(int argc, char **argv) {
  /*
   * The launcher's process in the box is the box's pid 1 and, in a user namespace, has the
   * program's uid: not dumpable from its first instruction, so the program can neither open its
   * /proc/1/mem nor ptrace it, whatever the filter allows.
   */
  prctl(PR_SET_DUMPABLE, 0);
  static struct options o;
  init_options(&o);
  int parsed = parse_options(argc, argv, 1, &o);
  if (parsed != 0) return parsed > 0 ? 0 : 125;
  /* A box made ahead gets the rest of its command line later; anything else must be whole now. */
  if (o.request_fd < 0 && finish_options(&o) != 0) return 125;
  /* The program must never inherit the worker's status pipe. */
  if (o.status_fd >= 0 && fcntl(o.status_fd, F_SETFD, FD_CLOEXEC) != 0) return die("--status-fd");
  if (o.request_fd >= 0 && fcntl(o.request_fd, F_SETFD, FD_CLOEXEC) != 0) return die("--request-fd");

  const char *why = NULL;
  if ((o.root_dir && enter_box_namespaces(&o, &why) != 0) || prepare_box(&o, &why) != 0) return report_failure(&o, why);
  if (o.request_fd >= 0) {
    int request = read_request(&o, &why);
    if (request == 1) return 0; /* not needed after all */
    if (request != 0) return report_failure(&o, why);
  }

#ifdef WB_NO_SECCOMP
  if (o.profile != PROFILE_COMPILE && !o.allow_no_seccomp) {
    fprintf(stderr, "wb-sandbox: built without libseccomp, so profile %s would run unfiltered; "
                    "refusing (--allow-no-seccomp overrides, for the GPU check only)\n",
            profile_name(o.profile));
    return 125;
  }
  if (o.profile != PROFILE_COMPILE) fprintf(stderr, "wb-sandbox: WARNING: no seccomp filter (built without libseccomp)\n");
  const bool filtered = false;
#else
  const bool filtered = o.profile != PROFILE_COMPILE;
#endif
  if (o.learn_path && !filtered) {
    fprintf(stderr, "wb-sandbox: --learn needs a run profile and libseccomp\n");
    return 125;
  }
  /* Only where the program may start another: PoCL's linker, or the analysis tool's program. */
  if (o.allow_exec_count > 0 && !profile_allows_spawn(o.profile)) {
    fprintf(stderr, "wb-sandbox: --allow-exec is for the opencl and cuda-sanitizer profiles only\n");
    return 125;
  }
  if (seal_box(&o, &why) != 0) return report_failure(&o, why);
  if (set_environment(&o) != 0) return die("setting the program's environment");
  const bool watch_memory = filtered && (o.as_mb > 0 || o.data_mb > 0);
  const bool listener = filtered && (watch_memory || o.learn_path != NULL || o.allow_exec_count > 0);

  int failure[2];
  if (pipe2(failure, O_CLOEXEC) != 0) return die("pipe");
  int handover[2] = {-1, -1};
  if (listener && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, handover) != 0) return die("socketpair");

  pid_t program = fork();
  if (program < 0) return die("fork");
  if (program == 0) {
    close(failure[0]);
    if (listener) close(handover[0]);
    launch(&o, watch_memory, (struct launch_fds){.failure = failure[1], .handover = handover[1]});
  }
  /* Only the program may hold these ends, so that its death shows up as end-of-file here. */
  close(failure[1]);
  if (listener) close(handover[1]);
  /* A worker that stopped reading the status pipe must not kill the supervisor mid-report. */
  signal(SIGPIPE, SIG_IGN);

  struct outcome outcome;
  supervise(program, &o, watch_memory,
            (struct supervisor_fds){.failure = failure[0], .handover = handover[0]}, &outcome);
  if (outcome.error[0]) fprintf(stderr, "wb-sandbox: %s\n", outcome.error);
  write_outcome(o.status_fd, &outcome);
  return outcome_exit_status(&outcome);
}
