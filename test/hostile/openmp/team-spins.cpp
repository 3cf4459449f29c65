// expect: timeout
// Every thread of the team spins forever: the CPU-time limit (summed over the threads) or the
// wall clock stops the whole box, and nothing of the team outlives it.
#include <omp.h>

int main() {
#pragma omp parallel
  {
    volatile unsigned long spins = 0;
    for (;;) spins = spins + 1;
  }
  return 0;
}
