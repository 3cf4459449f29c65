// expect: runtime_error
// Asks libgomp for a team of 100,000 threads: the box's process limit refuses the threads past
// it, and libgomp gives up (it reports the failed thread creation and aborts).
#include <cstdio>
#include <omp.h>

int main() {
  int team = 0;
#pragma omp parallel num_threads(100000)
  {
#pragma omp single
    team = omp_get_num_threads();
  }
  std::printf("a team of %d\n", team);
  return 0;
}
