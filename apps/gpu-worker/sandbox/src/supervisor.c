#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "box-teardown.h"
#include "exec-check.h"
#include "handover.h"
#include "identity.h"
#include "learn.h"
#include "memory-watch.h"
#include "seccomp-api.h"

#define MIB (1024ULL * 1024ULL)

struct watch_state {
  const struct options *options;
  struct memory_watch memory;
  struct learned *learned;
  bool watch_memory;
};

/*
 * The program waits in the kernel while the supervisor answers; by default the kernel wakes the
 * supervisor on whatever CPU is free, and a round trip costs 0.3 to 0.6 ms on a small VM. With
 * this flag (Linux 6.6) it switches to the supervisor on the program's CPU and back, as a call
 * would. Older kernels refuse the flag, and their answers are only slower.
 */
static void wake_synchronously(int listener) {
  const unsigned long set_flags = 0x40082104UL; /* SECCOMP_IOCTL_NOTIF_SET_FLAGS */
  const unsigned long long sync_wake_up = 1;    /* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP */
  (void)ioctl(listener, set_flags, sync_wake_up);
}

#ifndef WB_NO_SECCOMP

static bool is_memory_call(int nr) { return nr == SYS_mmap || nr == SYS_mremap; }

/* Note what the call means, then let it go on exactly as the program made it (or, for an
 * exec of a path not allowed, refuse it). */
static void answer(int listener, struct seccomp_notif *call, struct seccomp_notif_resp *reply, struct watch_state *s) {
  memset(call, 0, sizeof *call);
  if (seccomp_notify_receive(listener, call) != 0) return; /* its caller was killed meanwhile */
  if (s->watch_memory) watch_call(&s->memory, call);
  if (s->learned && !(s->watch_memory && is_memory_call(call->data.nr))) learn_call(s->learned, call);
  memset(reply, 0, sizeof *reply);
  reply->id = call->id;
  if (!s->learned && call->data.nr == SYS_execve && !exec_allowed(s->options, call)) {
    reply->error = -EACCES;
  } else {
    reply->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  }
  (void)seccomp_notify_respond(listener, reply);
}

/* Serves notifications until the program is gone (its pidfd turns readable). */
static void serve(int pidfd, int listener, struct watch_state *s) {
  struct seccomp_notif *call = NULL;
  struct seccomp_notif_resp *reply = NULL;
  if (listener >= 0 && seccomp_notify_alloc(&call, &reply) != 0) listener = -1;
  for (;;) {
    struct pollfd fds[2] = {{.fd = pidfd, .events = POLLIN}, {.fd = listener, .events = POLLIN}};
    int ready = poll(fds, listener >= 0 ? 2 : 1, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (listener >= 0 && (fds[1].revents & POLLIN)) answer(listener, call, reply, s);
    /* No task uses the filter any more: stop polling it rather than spin on the hang-up. */
    else if (listener >= 0 && (fds[1].revents & (POLLHUP | POLLERR | POLLNVAL))) listener = -1;
    if (fds[0].revents & POLLIN) break;
  }
  if (call) seccomp_notify_free(call, reply);
}

#else

static void serve(int pidfd, int listener, struct watch_state *s) {
  (void)listener;
  (void)s;
  struct pollfd fd = {.fd = pidfd, .events = POLLIN};
  while (poll(&fd, 1, -1) < 0 && errno == EINTR) {
  }
}

#endif

/* "ERRNO STAGE" from the program's side, or nothing when its exec went through. */
static bool read_launch_failure(int fd, int *error, char *stage, size_t size) {
  char text[256];
  ssize_t n;
  do n = read(fd, text, sizeof text - 1);
  while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  text[n] = '\0';
  char *rest;
  *error = (int)strtol(text, &rest, 10);
  snprintf(stage, size, "%s", *rest == ' ' ? rest + 1 : rest);
  return true;
}

static void judge(const struct options *o, const struct watch_state *s, int status, const struct rusage *usage,
                  struct outcome *out) {
  out->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  out->max_rss_kb = usage->ru_maxrss;
  out->cpu_ms = (usage->ru_utime.tv_sec + usage->ru_stime.tv_sec) * 1000L +
                (usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) / 1000L;
  out->cpu_limit = out->signal == SIGXCPU ||
                   (o->cpu_s > 0 && out->signal == SIGKILL && out->cpu_ms >= o->cpu_s * 1000L);
  bool failed = out->signal != 0 || out->exit_code != 0;
  /* Killed before its first mmap: the kernel could not even map its static data (a huge
   * global array) under the limit, and such a failed exec ends in SIGSEGV or SIGKILL. */
  bool died_loading = s->watch_memory && s->memory.calls == 0 && (out->signal == SIGSEGV || out->signal == SIGKILL);
  out->memory_limit = failed && !out->cpu_limit && (s->memory.refused || died_loading);
}

void supervise(pid_t program, const struct options *o, bool watch_memory, struct supervisor_fds fds,
               struct outcome *out) {
  memset(out, 0, sizeof *out);
  /*
   * The program shares the supervisor's uid, so a signal the kernel sends on its behalf passes
   * the permission check. The filter refuses F_SETOWN and F_SETSIG, but the cuda profile allows
   * every ioctl (FIOSETOWN, FIOASYNC): whatever it does, its SIGIO and SIGURG find nobody here.
   */
  signal(SIGIO, SIG_IGN);
  signal(SIGURG, SIG_IGN);
  struct learned *learned = o->learn_path ? calloc(1, sizeof *learned) : NULL;
  struct watch_state s = {
      .options = o,
      .memory = {.as_limit = (unsigned long long)o->as_mb * MIB, .data_limit = (unsigned long long)o->data_mb * MIB},
      .learned = learned,
      .watch_memory = watch_memory,
  };
  /* A pidfd, not SIGCHLD: poll can wait for the program and the listener together. */
  int pidfd = (int)syscall(SYS_pidfd_open, program, 0);
  const char *why = NULL;
  if (pidfd < 0) {
    snprintf(out->error, sizeof out->error, "pidfd_open: %s (Linux 5.3 or later is needed)", strerror(errno));
    kill(program, SIGKILL);
  } else if (become(o->uid, o->gid, &why) != 0) {
    snprintf(out->error, sizeof out->error, "supervisor: %s: %s", why, strerror(errno));
    kill(program, SIGKILL);
  } else {
    prctl(PR_SET_DUMPABLE, 0);
    /*
     * A change of uid clears the parent-death signal box-namespaces.c set: armed again, so that
     * the box (whose init this is) ends with the launcher outside, which the worker kills. The
     * worker's kill of the process group reaches this process too, for the moment between.
     */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int listener = fds.handover >= 0 ? receive_fd(fds.handover) : -1;
    if (listener >= 0) wake_synchronously(listener);
    serve(pidfd, listener, &s);
    if (listener >= 0) close(listener);
  }

  int status = 0;
  struct rusage usage;
  memset(&usage, 0, sizeof usage);
  while (wait4(program, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  end_other_processes();
  if (out->error[0]) return;
  judge(o, &s, status, &usage, out);

  int error;
  char stage[200];
  if (read_launch_failure(fds.failure, &error, stage, sizeof stage)) {
    /* An exec refused for lack of memory is the program's size, not a launcher fault. */
    if (error == ENOMEM && strcmp(stage, "exec") == 0 && (o->as_mb || o->data_mb)) {
      out->memory_limit = true;
    } else {
      snprintf(out->error, sizeof out->error, "%s: %s", stage, strerror(error));
    }
  }
  if (learned) {
    /* Written as the sandbox uid (learning is for trusted programs), into the run's folder. */
    int fd = open(o->learn_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd >= 0) write_learned(fd, learned);
    else fprintf(stderr, "wb-sandbox: %s: %s\n", o->learn_path, strerror(errno));
    free(learned);
  }
  out->write_limit = writable_space_full(o);
  if (o->scratch_mb > 0 && !out->error[0] && export_files(o, &why) != 0)
    snprintf(out->error, sizeof out->error, "%s: %s", why, strerror(errno));
}
