// expect: passed
// The control: a correct vector addition, as a student writes it. Every other program is
// judged against this one still working after it.
#include <wb.h>

#include <cstdlib>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n0, n1;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n0);
  float *b = wbImport(wbArg_getInputFile(args, 1), &n1);
  float *c = (float *)malloc(n0 * sizeof(float));
  for (int i = 0; i < n0; ++i) c[i] = a[i] + b[i];
  wbSolution(args, c, n0);
  free(a);
  free(b);
  free(c);
  return 0;
}
