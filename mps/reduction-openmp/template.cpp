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

  // Until the loop below adds the input, the total stays 0 and every dataset fails.
  float sum = 0.0f;

  wbTime_start(Compute, "Summing the input");
  //@@ Split this loop among the threads with one OpenMP directive on the line above it, giving
  //@@ each thread its own partial sum that OpenMP adds into sum at the end
  for (int i = 0; i < length; ++i) {
    //@@ Add input[i] to sum
  }
  wbTime_stop(Compute, "Summing the input");

  // The total is one number, handed in as a vector of length 1.
  wbSolution(args, &sum, 1);

  free(input);
  return 0;
}
