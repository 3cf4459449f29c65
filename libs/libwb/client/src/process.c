#include "process.h"

#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

// The group being run, for the signal handler: wb dying of Ctrl-C must not leave it running.
static volatile sig_atomic_t running_group = 0;

static void forward_fatal_signal(int signo) {
  if (running_group > 0) kill(-(pid_t)running_group, SIGKILL);
  signal(signo, SIG_DFL);
  raise(signo);
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

// wb's environment with the extra entries replacing those of the same name.
static char **merged_environment(const char *const *extra) {
  size_t base = 0, added = 0;
  while (environ[base]) base++;
  while (extra && extra[added]) added++;
  char **env = xcalloc(base + added + 1, sizeof(char *));
  size_t n = 0;
  for (size_t i = 0; i < base; i++) {
    bool replaced = false;
    for (size_t j = 0; j < added && !replaced; j++) {
      size_t name = strcspn(extra[j], "=");
      replaced = strncmp(environ[i], extra[j], name) == 0 && environ[i][name] == '=';
    }
    if (!replaced) env[n++] = environ[i];
  }
  for (size_t j = 0; j < added; j++) env[n++] = (char *)extra[j];
  return env;
}

// In the child, between fork and exec: only async-signal-safe calls from here on.
static void exec_child(const ProcessSpec *spec, char **env, int output_fd, int error_pipe) {
  setpgid(0, 0);
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, STDIN_FILENO);
  dup2(output_fd, STDOUT_FILENO);
  dup2(output_fd, STDERR_FILENO);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  if (spec->cwd && chdir(spec->cwd) != 0) {
    int failure = errno;
    (void)!write(error_pipe, &failure, sizeof failure);
    _exit(127);
  }
  environ = env;
  execvp(spec->argv[0], (char *const *)spec->argv);
  int failure = errno;
  (void)!write(error_pipe, &failure, sizeof failure);
  _exit(127);
}

static void keep_output(ProcessResult *result, const char *data, size_t n, size_t cap) {
  size_t room = result->output.len < cap ? cap - result->output.len : 0;
  size_t kept = n < room ? n : room;
  buf_append(&result->output, data, kept);
  result->dropped_bytes += n - kept;
}

bool process_run(const ProcessSpec *spec, ProcessResult *result) {
  memset(result, 0, sizeof *result);
  buf_append(&result->output, "", 0);
  int output[2], errors[2];
  if (pipe(output) != 0) return false;
  if (pipe(errors) != 0) {
    close(output[0]);
    close(output[1]);
    return false;
  }
  // The exec-failure pipe closes by itself when exec succeeds, so a read of 0 bytes means "started".
  fcntl(errors[1], F_SETFD, FD_CLOEXEC);
  fcntl(errors[0], F_SETFD, FD_CLOEXEC);
  fcntl(output[0], F_SETFD, FD_CLOEXEC);

  char **env = merged_environment(spec->env_extra);
  struct sigaction forward = {0}, old_int, old_term, old_hup;
  forward.sa_handler = forward_fatal_signal;
  sigemptyset(&forward.sa_mask);
  sigaction(SIGINT, &forward, &old_int);
  sigaction(SIGTERM, &forward, &old_term);
  sigaction(SIGHUP, &forward, &old_hup);

  double start = now_ms();
  pid_t pid = fork();
  if (pid == 0) exec_child(spec, env, output[1], errors[1]);
  int fork_errno = errno;
  free(env);
  close(output[1]);
  close(errors[1]);
  bool started = pid > 0;
  if (started) {
    setpgid(pid, pid); // also here: whichever of parent and child runs first, the group exists
    running_group = pid;
    int failure = 0;
    ssize_t n;
    do {
      n = read(errors[0], &failure, sizeof failure);
    } while (n < 0 && errno == EINTR);
    if (n == (ssize_t)sizeof failure) {
      waitpid(pid, NULL, 0);
      started = false;
      fork_errno = failure;
    }
  }
  close(errors[0]);

  if (started) {
    double deadline = start + spec->timeout_s * 1000.0;
    bool output_open = true, exited = false;
    int status = 0;
    char chunk[8192];
    while (!exited || output_open) {
      if (!exited) {
        // WNOWAIT: look without reaping, so that its id (the group's id) cannot be reused before
        // the group is killed.
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) {
          result->elapsed_ms = now_ms() - start;
          // Whatever it left behind (a background child holding the pipe open) goes too.
          kill(-pid, SIGKILL);
          waitpid(pid, &status, 0);
          exited = true;
        }
      }
      double left = deadline - now_ms();
      if (!exited && left <= 0) {
        kill(-pid, SIGKILL);
        result->timed_out = true;
        waitpid(pid, &status, 0);
        exited = true;
        result->elapsed_ms = now_ms() - start;
        continue;
      }
      if (!output_open) {
        // Closed its output but still running: wait in short steps so the deadline still holds.
        struct timespec step = {0, 10 * 1000 * 1000};
        nanosleep(&step, NULL);
        continue;
      }
      struct pollfd watch = {output[0], POLLIN, 0};
      int wait_ms = exited ? 1000 : (left < 50 ? (int)left + 1 : 50);
      int ready = poll(&watch, 1, wait_ms);
      if (ready > 0) {
        ssize_t got = read(output[0], chunk, sizeof chunk);
        if (got > 0) {
          keep_output(result, chunk, (size_t)got, spec->output_cap);
        } else if (got == 0 || errno != EINTR) {
          output_open = false;
        }
      } else if (ready == 0 && exited) {
        output_open = false; // the group is killed; nothing more can come
      }
    }
    running_group = 0;
    if (WIFSIGNALED(status)) result->signal = WTERMSIG(status);
    if (WIFEXITED(status)) result->exit_code = WEXITSTATUS(status);
  }
  close(output[0]);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  sigaction(SIGHUP, &old_hup, NULL);
  if (!started) {
    buf_free(&result->output);
    errno = fork_errno;
  }
  return started;
}

void process_result_free(ProcessResult *result) { buf_free(&result->output); }

char *process_describe(const ProcessResult *result, double timeout_s) {
  if (result->timed_out) return xasprintf("timed out after %g s (stopped)", timeout_s);
  if (result->signal != 0) return xasprintf("killed by signal %d (%s)", result->signal, strsignal(result->signal));
  return xasprintf("exited with status %d", result->exit_code);
}
