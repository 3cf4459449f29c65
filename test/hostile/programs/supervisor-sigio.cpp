// expect: sandbox_violation
// Signal-driven I/O aimed at the supervisor: F_SETOWN names the parent (same uid), O_ASYNC arms
// the pipe, and a write makes the kernel send it SIGIO, whose default action kills it.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  fcntl(fds[0], F_SETOWN, getppid());
  fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_ASYNC);
  if (write(fds[1], "x", 1) != 1) return 1;
  std::puts("ESCAPED: the supervisor was signalled");
  return 0;
}
