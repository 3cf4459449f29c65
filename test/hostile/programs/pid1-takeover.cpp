// expect: failed
// The box's pid 1 is the launcher (not dumpable): its memory cannot be opened, read or written,
// so nothing can be planted there to run unfiltered after the program's exit.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

int main() {
  char status[4096] = {0};
  int info = open("/proc/1/status", O_RDONLY);
  if (info >= 0) {
    ssize_t n = read(info, status, sizeof status - 1);
    close(info);
    if (n > 0) std::printf("pid 1: %.60s\n", status);
  }
  for (int flags : {O_RDWR, O_RDONLY}) {
    int mem = open("/proc/1/mem", flags);
    if (mem >= 0) {
      std::puts("ESCAPED: /proc/1/mem opened");
      close(mem);
    } else {
      std::printf("/proc/1/mem: %s\n", std::strerror(errno));
    }
  }
  return 0;
}
