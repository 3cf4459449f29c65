// expect: failed
// The opencl profile lets a program spawn (PoCL runs the linker), but only the allowed
// linker: any other exec is refused with EACCES, and the program carries on without a result.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

int main() {
  char sh[] = "/bin/sh", dash_c[] = "-c", script[] = "echo ESCAPED: a shell ran";
  char *argv[] = {sh, dash_c, script, nullptr};
  pid_t child;
  int error = posix_spawn(&child, "/bin/sh", nullptr, nullptr, argv, environ);
  if (error == 0) {
    int status;
    waitpid(child, &status, 0);
    std::printf("spawned, status %d\n", status);
  } else {
    std::printf("posix_spawn: %s\n", std::strerror(error));
  }
  return 0;
}
