// expect: failed
// A wrong result is compared outside the box and judged "failed", not an error of the box.
#include <wb.h>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n0, n1;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n0);
  float *b = wbImport(wbArg_getInputFile(args, 1), &n1);
  for (int i = 0; i < n0; ++i) a[i] = a[i] - b[i];
  wbSolution(args, a, n0);
  return 0;
}
