/*
 * wb-box-spawner: starts wb-sandbox launchers on the worker's behalf, so that the worker (a Node
 * process of some 190 MB) does not fork itself for every box. A fork copies the forking process's
 * page tables and the child's exec tears them down again: about 18 ms of CPU a box from the worker
 * on the development VM, and the worker's event loop stood still while it happened. This process
 * is well under a megabyte, and starts each launcher without copying even its own page tables
 * (see start()).
 *
 *   wb-box-spawner LAUNCHER SLOTS
 *
 * The worker spawns it with the pipes of SLOTS boxes already made (one spawn of the worker per
 * SLOTS boxes): fds 3 + 4*i .. 6 + 4*i are slot i's ends of the launcher's stdout, stderr, status
 * pipe and request pipe, in that order, and become the launcher's fds 1 to 4. Each slot starts
 * one launcher, once. The spawner starts nothing but LAUNCHER, with an empty environment, in a
 * session of its own (so that the worker's kill of its process group ends the box), with / as
 * its folder.
 *
 * Requests on fd 0, each a run of NUL-terminated fields:
 *   start SLOT ARGC CGROUPS ARG... PATH...   start slot SLOT's launcher with these arguments;
 *                                            each PATH (a cgroup's join file) is opened for
 *                                            writing as the launcher's fd 5, 6, ...
 *   kill SLOT                                SIGKILL to that launcher's process group, unless
 *                                            it has already ended
 * Events on fd 1, a line each:
 *   started SLOT PID | failed SLOT ERRNO | exited SLOT CODE SIGNAL   (CODE -1 when signalled)
 *
 * The spawner reaps its launchers itself, so a kill can never reach a process that merely reused
 * an ended launcher's pid. At the end of its requests (the worker closed fd 0, or died) it
 * leaves once every launcher it started has ended. A request it cannot parse is a bug of the
 * worker's: it says so on fd 2 and leaves, and the worker fails the boxes it had.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIRST_SLOT_FD 3
#define FDS_PER_SLOT 4
#define FIRST_CGROUP_FD 5
#define MAX_SLOTS 256
#define MAX_CGROUPS 8
/** A request's most bytes and arguments: the launcher's command line is a few kilobytes. */
#define MAX_REQUEST (1 << 20)
#define MAX_ARGS 65536

enum slot_state { SLOT_FREE, SLOT_RUNNING, SLOT_DONE };

struct slot {
  enum slot_state state;
  pid_t pid;
};

static const char *launcher;
static struct slot slots[MAX_SLOTS];
static int slot_count;
static int running;

static void die(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("wb-box-spawner: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  exit(2);
}

/** Writes a whole event line; a worker that stopped reading is a worker that is gone. */
static void emit(const char *format, ...) {
  char line[128];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  for (int done = 0; done < length;) {
    ssize_t n = write(STDOUT_FILENO, line + done, (size_t)(length - done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += (int)n;
  }
}

static int slot_fd(int slot, int which) { return FIRST_SLOT_FD + slot * FDS_PER_SLOT + which; }

static void close_slot_fds(int slot) {
  for (int which = 0; which < FDS_PER_SLOT; which++) close(slot_fd(slot, which));
}

static long parse_number(const char *field, long max) {
  char *end;
  errno = 0;
  long value = strtol(field, &end, 10);
  if (errno || end == field || *end || value < 0 || value > max) die("bad number in a request: %.40s", field);
  return value;
}

/**
 * In the child: every descriptor the launcher gets, then the launcher; only returns an errno
 * (never 0). Syscalls only: it runs in the spawner's memory.
 */
static int become_launcher(int slot, char **argv, char **cgroups, int cgroup_count) {
  sigset_t none;
  sigemptyset(&none);
  if (sigprocmask(SIG_SETMASK, &none, NULL) != 0) return errno;
  // The spawner ignores SIGPIPE for itself; an ignored signal would stay ignored across exec.
  signal(SIGPIPE, SIG_DFL);
  if (setsid() < 0) return errno;
  if (chdir("/") != 0) return errno;
  // Everything lands above the targets first, so no move overwrites a descriptor still to move.
  int moved[FDS_PER_SLOT + MAX_CGROUPS];
  int count = 0;
  for (int which = 0; which < FDS_PER_SLOT; which++, count++)
    if ((moved[count] = fcntl(slot_fd(slot, which), F_DUPFD_CLOEXEC, 64)) < 0) return errno;
  for (int i = 0; i < cgroup_count; i++, count++) {
    int fd = open(cgroups[i], O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    moved[count] = fcntl(fd, F_DUPFD_CLOEXEC, 64);
    if (moved[count] < 0) return errno;
    close(fd);
  }
  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0 || dup2(null, STDIN_FILENO) < 0) return errno;
  // dup2 leaves the new descriptor without close-on-exec: these, and only these, are inherited.
  _Static_assert(1 + FDS_PER_SLOT == FIRST_CGROUP_FD, "the cgroup join files follow the four pipes");
  for (int i = 0; i < count; i++)
    if (dup2(moved[i], 1 + i) < 0) return errno;
  static char *empty_environment[] = {NULL};
  execve(launcher, argv, empty_environment);
  return errno ? errno : EIO;
}

/** What a child is to start, and where it says why it could not: it shares this memory. */
struct launch {
  int slot;
  char **argv;
  char **cgroups;
  int cgroup_count;
  volatile int error;
};

static int launch_child(void *arg) {
  struct launch *launch = arg;
  launch->error = become_launcher(launch->slot, launch->argv, launch->cgroups, launch->cgroup_count);
  _exit(127);
}

/**
 * Starts the slot's launcher and says so, or why it could not. The child borrows this process's
 * memory until its exec (CLONE_VM | CLONE_VFORK, as posix_spawn does, and this process waits
 * meanwhile): no page table is copied and none write-protected, which a fork did for every box
 * (with a TLB flush on every core). It has its own descriptors and signal dispositions, and
 * touches nothing of the shared memory but its own stack and `error`.
 */
static void start(int slot, char **argv, char **cgroups, int cgroup_count) {
  static char child_stack[64 * 1024] __attribute__((aligned(16)));
  struct launch launch = {.slot = slot, .argv = argv, .cgroups = cgroups, .cgroup_count = cgroup_count, .error = 0};
  pid_t pid = clone(launch_child, child_stack + sizeof child_stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &launch);
  int clone_error = errno;
  close_slot_fds(slot); // the launcher holds its own; the worker sees their end with it
  if (pid < 0) {
    slots[slot].state = SLOT_DONE;
    emit("failed %d %d\n", slot, clone_error);
    return;
  }
  if (launch.error) {
    // The child could not become the launcher and has left: reap it here, so no "exited" follows.
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
    slots[slot].state = SLOT_DONE;
    emit("failed %d %d\n", slot, launch.error);
    return;
  }
  slots[slot].pid = pid;
  slots[slot].state = SLOT_RUNNING;
  running++;
  emit("started %d %d\n", slot, (int)pid);
}

/** Reaps every launcher that has ended and reports it. */
static void reap(void) {
  for (;;) {
    int status;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    for (int slot = 0; slot < slot_count; slot++) {
      if (slots[slot].state != SLOT_RUNNING || slots[slot].pid != pid) continue;
      // Whatever the launcher left in its group goes with it; the group's id cannot have been
      // reused while the group still has members.
      kill(-pid, SIGKILL);
      slots[slot].state = SLOT_DONE;
      running--;
      if (WIFSIGNALED(status)) emit("exited %d -1 %d\n", slot, WTERMSIG(status));
      else emit("exited %d %d 0\n", slot, WEXITSTATUS(status));
      break;
    }
  }
}

/**
 * Acts on the first whole request in buffer[0, length); how many bytes it used, 0 when the
 * request is not whole yet.
 */
static size_t handle(char *buffer, size_t length) {
  static char *fields[4 + MAX_ARGS + MAX_CGROUPS];
  size_t count = 0;
  size_t needed = 1; // fields the request has, once its header is known
  size_t at = 0;
  while (count < needed) {
    char *end = memchr(buffer + at, '\0', length - at);
    if (!end) return 0;
    fields[count++] = buffer + at;
    at = (size_t)(end - buffer) + 1;
    if (count == 1) needed = strcmp(fields[0], "kill") == 0 ? 2 : strcmp(fields[0], "start") == 0 ? 4 : 0;
    if (needed == 0) die("unknown request %.40s", fields[0]);
    if (count == 4 && strcmp(fields[0], "start") == 0) {
      long argc = parse_number(fields[2], MAX_ARGS);
      long cgroups = parse_number(fields[3], MAX_CGROUPS);
      needed = 4 + (size_t)argc + (size_t)cgroups;
    }
  }
  int slot = (int)parse_number(fields[1], slot_count - 1);
  if (strcmp(fields[0], "kill") == 0) {
    if (slots[slot].state == SLOT_RUNNING) kill(-slots[slot].pid, SIGKILL);
    return at;
  }
  if (slots[slot].state != SLOT_FREE) die("slot %d was started before", slot);
  long argc = parse_number(fields[2], MAX_ARGS);
  long cgroups = parse_number(fields[3], MAX_CGROUPS);
  // argv[0] is the launcher; the fields after it are NUL-terminated already, so they serve as is.
  char **argv = calloc((size_t)argc + 2, sizeof *argv);
  if (!argv) die("out of memory");
  argv[0] = (char *)launcher;
  for (long i = 0; i < argc; i++) argv[i + 1] = fields[4 + i];
  slots[slot].state = SLOT_DONE; // until start says otherwise: a slot starts once
  start(slot, argv, fields + 4 + argc, (int)cgroups);
  free(argv);
  return at;
}

int main(int argc, char **argv) {
  if (argc != 3) die("usage: wb-box-spawner LAUNCHER SLOTS");
  launcher = argv[1];
  slot_count = (int)parse_number(argv[2], MAX_SLOTS);
  if (slot_count < 1) die("SLOTS must be 1 to %d", MAX_SLOTS);
  for (int slot = 0; slot < slot_count; slot++)
    for (int which = 0; which < FDS_PER_SLOT; which++)
      if (fcntl(slot_fd(slot, which), F_SETFD, FD_CLOEXEC) != 0) die("fd %d is not open: %s", slot_fd(slot, which), strerror(errno));
  // Nothing else the spawner was given is kept open across the launchers' exec.
  unsigned first_other = FIRST_SLOT_FD + (unsigned)slot_count * FDS_PER_SLOT;
  if (syscall(SYS_close_range, first_other, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) != 0)
    for (long fd = first_other; fd < sysconf(_SC_OPEN_MAX); fd++) fcntl((int)fd, F_SETFD, FD_CLOEXEC);

  sigset_t child;
  sigemptyset(&child);
  sigaddset(&child, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &child, NULL) != 0) die("sigprocmask: %s", strerror(errno));
  int children = signalfd(-1, &child, SFD_CLOEXEC);
  if (children < 0) die("signalfd: %s", strerror(errno));
  signal(SIGPIPE, SIG_IGN);

  char *buffer = malloc(MAX_REQUEST);
  if (!buffer) die("out of memory");
  size_t length = 0;
  int requests_open = 1;
  while (requests_open || running > 0) {
    struct pollfd waits[2] = {{.fd = children, .events = POLLIN}, {.fd = requests_open ? STDIN_FILENO : -1, .events = POLLIN}};
    if (poll(waits, 2, -1) < 0) {
      if (errno == EINTR) continue;
      die("poll: %s", strerror(errno));
    }
    if (waits[0].revents & POLLIN) {
      struct signalfd_siginfo info;
      while (read(children, &info, sizeof info) < 0 && errno == EINTR) {
      }
      reap();
    }
    if (waits[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = read(STDIN_FILENO, buffer + length, MAX_REQUEST - length);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        requests_open = 0;
        continue;
      }
      length += (size_t)n;
      size_t used;
      while (length > 0 && (used = handle(buffer, length)) > 0) {
        memmove(buffer, buffer + used, length - used);
        length -= used;
      }
      if (length == MAX_REQUEST) die("a request of more than %d bytes", MAX_REQUEST);
    }
  }
  return 0;
}
