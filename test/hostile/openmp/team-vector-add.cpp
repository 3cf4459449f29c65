// expect: passed
// The control: the vector addition split among an OpenMP team (the toolchain's four threads),
// as a student of an OpenMP lab writes it. Threads are ordinary in the cpu profile.
#include <wb.h>

#include <cstdlib>
#include <omp.h>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n0, n1;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n0);
  float *b = wbImport(wbArg_getInputFile(args, 1), &n1);
  float *c = (float *)malloc(n0 * sizeof(float));
#pragma omp parallel for
  for (int i = 0; i < n0; ++i) c[i] = a[i] + b[i];
  wbSolution(args, c, n0);
  free(a);
  free(b);
  free(c);
  return 0;
}
