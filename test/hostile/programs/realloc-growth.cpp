// expect: memory_limit
// Doubling a buffer with realloc: large blocks grow through mremap, which is watched too.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main() {
  size_t size = 1u << 20;
  char *p = static_cast<char *>(std::malloc(size));
  for (;;) {
    char *bigger = static_cast<char *>(std::realloc(p, size * 2));
    if (!bigger) {
      std::printf("realloc failed at %zu MiB\n", size >> 20);
      return 1;
    }
    std::memset(bigger + size, 1, size);
    p = bigger;
    size *= 2;
  }
}
