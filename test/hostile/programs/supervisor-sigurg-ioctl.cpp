// expect: sandbox_violation
// The ioctl doors to the same thing (FIOSETOWN, then FIOASYNC): SIGIO or SIGURG for the parent.
#include <cstdio>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#ifndef FIOSETOWN
#define FIOSETOWN 0x8901 // <linux/sockios.h>
#endif

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  int parent = getppid();
  int on = 1;
  ioctl(fds[0], FIOSETOWN, &parent);
  ioctl(fds[0], FIOASYNC, &on);
  if (write(fds[1], "x", 1) != 1) return 1;
  std::puts("ESCAPED: FIOASYNC armed");
  return 0;
}
