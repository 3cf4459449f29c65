// expect: memory_limit
// Touches 3 GiB of MAP_SHARED|MAP_ANONYMOUS memory, in 64 MiB pieces: shared pages are outside
// RLIMIT_DATA (the cuda profile's limit), so the box's memory cgroup must stop it; here
// RLIMIT_AS refuses the mappings first. Either way the verdict is memory_limit.
#include <cstdio>
#include <cstring>
#include <sys/mman.h>

int main() {
  const size_t piece = 64UL << 20;
  size_t touched = 0;
  for (int i = 0; i < 48; ++i) {
    void *p = mmap(nullptr, piece, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      std::perror("mmap");
      return 1;
    }
    std::memset(p, 's', piece);
    touched += piece;
  }
  std::printf("touched %zu MiB of shared memory\n", touched >> 20);
  return 0;
}
