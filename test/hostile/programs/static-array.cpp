// expect: memory_limit
// A global array bigger than the limit: the kernel cannot even map it, and the exec fails.
#include <cstdio>

static char big[1u << 30];

int main(int argc, char **) {
  big[argc * 4096] = 1;
  std::printf("%d\n", big[4096]);
  return 0;
}
