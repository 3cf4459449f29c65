// expect: memory_limit
// One allocation far over the limit: std::bad_alloc, terminate, abort (SIGABRT). The volatile
// pointer keeps the compiler from eliding the allocation.
#include <cstdio>

int main() {
  char *volatile huge = new char[size_t(8) << 30];
  huge[0] = 1;
  std::printf("%d\n", huge[0]);
  return 0;
}
