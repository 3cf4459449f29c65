// expect: sandbox_violation
// fork from inside a parallel region, in every thread at once: fork is not in the whitelist,
// whichever thread calls it, and the first call kills the program.
#include <omp.h>
#include <unistd.h>

int main() {
#pragma omp parallel
  {
    for (;;) fork();
  }
  return 0;
}
