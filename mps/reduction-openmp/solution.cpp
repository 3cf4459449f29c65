#include <wb.h>

#include <omp.h>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data");
  int length;
  float *input = wbImport(wbArg_getInputFile(args, 0), &length);
  wbTime_stop(Generic, "Importing data");

  wbLog(TRACE, "The input length is ", length, " elements");
  wbLog(TRACE, "OpenMP may use up to ", omp_get_max_threads(), " threads");

  float sum = 0.0f;

  wbTime_start(Compute, "Summing the input");
  // Each thread sums its share of the iterations into a private copy of sum (starting at 0, the
  // identity of +); at the end of the loop OpenMP adds the private copies into the shared sum.
  // Without the reduction clause every thread would update the one sum at once: a data race.
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < length; ++i) {
    sum += input[i];
  }
  wbTime_stop(Compute, "Summing the input");

  // The total is one number, handed in as a vector of length 1.
  wbSolution(args, &sum, 1);

  free(input);
  return 0;
}
