// Expected: memory_limit. After CUDA's start, touches 3 GiB of MAP_SHARED|MAP_ANONYMOUS memory:
// RLIMIT_DATA (the cuda profile's limit) does not count shared pages, so only the box's memory
// cgroup stops it (the check runs this one with a 512 MiB box).
#include <cstdio>
#include <cstring>
#include <sys/mman.h>

int main() {
  cudaFree(0);
  std::printf("runtime up\n");
  std::fflush(stdout);
  const size_t piece = 64UL << 20;
  for (int i = 0; i < 48; ++i) {
    void *p = mmap(nullptr, piece, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    std::memset(p, 's', piece);
  }
  std::printf("ESCAPED: 3 GiB of shared memory\n");
  return 0;
}
