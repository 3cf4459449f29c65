// expect: failed
// Nothing of the worker's is open in the program: not the launcher's own fds (the status pipe,
// the request pipe, the cgroup join files), no socket.
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int main() {
  for (int fd = 3; fd < 1024; ++fd) {
    if (fcntl(fd, F_GETFD) < 0) continue;
    std::printf("ESCAPED: fd %d is open\n", fd);
    dprintf(fd, "{\"child-pid\": 1}\n");
  }
  return 0;
}
