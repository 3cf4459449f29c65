// expect: memory_limit
// Holds memory in memfds, written and never mapped: no rlimit counts those pages (RLIMIT_AS sees
// mappings only), but the box's memory cgroup does, and its OOM killer ends the program.
// Each memfd stays under RLIMIT_FSIZE; together they are far over the box's memory.
#include <cstdio>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

int main() {
  static char block[1 << 20];
  std::memset(block, 'm', sizeof block);
  long held = 0;
  for (int n = 0; n < 56; ++n) {
    int fd = memfd_create("hold", 0);
    if (fd < 0) {
      std::perror("memfd_create");
      return 1;
    }
    for (int i = 0; i < 7; ++i) {
      if (write(fd, block, sizeof block) != (ssize_t)sizeof block) {
        std::printf("write refused after %ld MiB\n", held);
        return 1;
      }
      ++held;
    }
  }
  std::printf("held %ld MiB in memfds\n", held);
  return 0;
}
