// expect: sandbox_violation
// F_SETSIG turns signal-driven I/O into any signal, SIGKILL included: the supervisor would die
// without a word and the run would end as the worker's fault, not the program's.
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  fcntl(fds[0], F_SETSIG, SIGKILL);
  fcntl(fds[0], F_SETOWN, getppid());
  fcntl(fds[0], F_SETFL, O_ASYNC);
  if (write(fds[1], "x", 1) != 1) return 1;
  std::puts("ESCAPED: SIGKILL armed for the supervisor");
  return 0;
}
