// expect: failed
// Nothing of the worker's is open in the program: not bubblewrap's --info-fd (whose
// "child-pid" the worker kills at a timeout), not the launcher's status pipe, no socket.
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
