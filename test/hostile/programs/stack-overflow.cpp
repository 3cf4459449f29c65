// expect: runtime_error
// Unbounded recursion overflows the (8 MiB) stack: SIGSEGV. The kernel does not say that the
// fault was at the stack's guard page, so this is reported as a crash, like a bad pointer.
#include <cstdio>

static int depth(volatile char *previous) {
  volatile char frame[4096];
  frame[0] = previous ? previous[0] + 1 : 0;
  return depth(frame) + frame[1];
}

int main() {
  std::printf("%d\n", depth(nullptr));
  return 0;
}
