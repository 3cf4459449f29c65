// expect: memory_limit
// Allocates and touches 64 MiB at a time without checking for NULL: when the address-space
// limit refuses the next block, memset(NULL) crashes, and the launcher knows why.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main() {
  const size_t block = 64u << 20;
  for (int i = 0;; ++i) {
    char *p = static_cast<char *>(std::malloc(block));
    std::memset(p, i, block);
    std::printf("%d MiB\n", (i + 1) * 64);
  }
}
