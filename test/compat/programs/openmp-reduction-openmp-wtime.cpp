// lab: reduction-openmp
// expect: passed
// output: running with 4 threads
// habits: <stdio.h> and <iostream> included by habit, the sum kept in a double (and cast to
// float for wbSolution), #pragma omp parallel for reduction(+:sum) written without spaces, the
// loop timed by hand with omp_get_wtime and printf'ed, the team size printed from a
// `#pragma omp parallel` / `#pragma omp single` block (4: the worker's OMP_NUM_THREADS), and a
// pause behind #ifdef _WIN32.
#include <wb.h>
#include <omp.h>
#include <stdio.h>
#include <iostream>

int main(int argc, char *argv[]) {
  wbArg_t args;
  int length, i;
  float *input;
  double sum = 0.0;
  double t0, t1;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data");
  input = (float *)wbImport(wbArg_getInputFile(args, 0), &length);
  wbTime_stop(Generic, "Importing data");
  std::cout << "length = " << length << std::endl;

#pragma omp parallel
  {
#pragma omp single
    printf("running with %d threads\n", omp_get_num_threads());
  }

  wbTime_start(Compute, "Summing the input");
  t0 = omp_get_wtime();
#pragma omp parallel for reduction(+:sum)
  for (i = 0; i < length; i++) {
    sum += input[i];
  }
  t1 = omp_get_wtime();
  wbTime_stop(Compute, "Summing the input");
  printf("sum = %f, took %f ms\n", sum, (t1 - t0) * 1000.0);

  float result = (float)sum;
  wbSolution(args, &result, 1);

  free(input);
#ifdef _WIN32
  system("pause");
#endif
  return 0;
}
