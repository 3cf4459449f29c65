// expect: runtime_error
// An ordinary crash stays an ordinary crash (SIGSEGV), not a sandbox or memory verdict.
#include <cstdio>

int main() {
  volatile int *p = nullptr;
  *p = 42;
  std::puts("unreachable");
  return 0;
}
