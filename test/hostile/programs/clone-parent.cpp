// expect: sandbox_violation
// CLONE_PARENT makes the new process a child of the supervisor, not of the program: the
// program's exit_group would not take it along.
#include <csignal>
#include <cstdio>
#include <sched.h>
#include <unistd.h>

static char stack[64 * 1024];

static int child(void *) {
  sleep(30);
  return 0;
}

int main() {
  int pid = clone(child, stack + sizeof stack, CLONE_PARENT | CLONE_VM | CLONE_VFORK | SIGCHLD, nullptr);
  std::printf("ESCAPED: clone(CLONE_PARENT) gave %d\n", pid);
  return 0;
}
