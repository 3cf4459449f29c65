// expect: sandbox_violation
// F_SETOWN_EX names a process group or a thread instead of a pid: the same attack, another door.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  int fds[2];
  if (pipe(fds) != 0) return 1;
  struct f_owner_ex owner = {F_OWNER_PGRP, getpgrp()};
  fcntl(fds[0], F_SETOWN_EX, &owner);
  std::puts("ESCAPED: the box's process group owns a descriptor");
  return 0;
}
