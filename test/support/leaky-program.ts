/**
 * A program that tries to read the hidden datasets out through everything a student sees: it
 * prints each input's length and first values, logs and times them with libwb, and writes zeros
 * so that the comparison message would name the expected values.
 */
export const LEAKY_PROGRAM = `#include <wb.h>
int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n = 0, m = 0;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n);
  float *b = wbImport(wbArg_getInputFile(args, 1), &m);
  printf("LEN=%d in0[0]=%f in1[0]=%f\\n", n, a[0], b[0]);
  fprintf(stderr, "ERRLEN=%d\\n", n);
  wbLog(TRACE, "LOGLEN=", n);
  wbTime_start(Generic, "TIMELEN");
  float *out = new float[n]();
  wbTime_stop(Generic, "TIMELEN");
  wbSolution(args, out, n);
  return 0;
}
`;

/** What LEAKY_PROGRAM prints on vector-add-cpp's hidden datasets (6: 65537 elements, 7: 100003). */
export const HIDDEN_LEAK_MARKERS = ['LEN=65537', 'LEN=100003'];
