// expect: failed
// Terminals come from a machine-wide pool (kernel.pty.max): the box has none to give.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

int main() {
  int opened = 0;
  for (const char *path : {"/dev/ptmx", "/dev/pts/ptmx"}) {
    int fd = open(path, O_RDWR | O_NOCTTY);
    if (fd >= 0) {
      opened++;
      close(fd);
    } else {
      std::printf("%s: %s\n", path, std::strerror(errno));
    }
  }
  if (opened) std::puts("ESCAPED: a pty was allocated");
  return 0;
}
