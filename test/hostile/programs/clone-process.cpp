// expect: sandbox_violation
// A raw clone that makes a process, not a thread (fork without the glibc wrapper).
#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  long child = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (child == 0) _exit(0);
  return 0;
}
