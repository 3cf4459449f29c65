// Expected: killed by SIGSYS. The cuda profile allows what the runtime needs, and still no fork,
// even after the runtime has started its own threads.
#include <cstdio>
#include <unistd.h>

int main() {
  cudaFree(0);
  std::printf("runtime up\n");
  std::fflush(stdout);
  fork();
  std::printf("ESCAPED: fork worked\n");
  return 0;
}
