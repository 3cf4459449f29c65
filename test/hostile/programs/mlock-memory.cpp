// expect: sandbox_violation
// Pinned pages cannot be reclaimed: a CPU program has no call to lock memory at all (and its
// RLIMIT_MEMLOCK is 0 besides).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>

int main() {
  size_t size = 1u << 20;
  char *block = static_cast<char *>(std::malloc(size));
  if (!block) return 1;
  std::memset(block, 1, size);
  if (mlock(block, size) == 0) std::puts("ESCAPED: memory locked");
  return 0;
}
