// A saturating histogram on the CPU, in the style of the original histogram lab: integer input
// through wbImport(..., "Integer"), unsigned int bins checked exactly (-t histogram).
#include <wb.h>

#define NUM_BINS 8
#define MAX_COUNT 127

int main(int argc, char *argv[]) {
  wbArg_t args;
  int inputLength;
  unsigned int *hostInput;
  unsigned int *hostBins;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostInput = (unsigned int *)wbImport(wbArg_getInputFile(args, 0), &inputLength, "Integer");
  hostBins = (unsigned int *)malloc(NUM_BINS * sizeof(unsigned int));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  wbLog(TRACE, "The number of bins is ", NUM_BINS);

  wbTime_start(Compute, "Performing the computation");
  memset(hostBins, 0, NUM_BINS * sizeof(unsigned int));
  for (int i = 0; i < inputLength; ++i) {
    if (hostInput[i] < NUM_BINS && hostBins[hostInput[i]] < MAX_COUNT) {
      hostBins[hostInput[i]]++;
    }
  }
  wbTime_stop(Compute, "Performing the computation");

  wbSolution(args, hostBins, NUM_BINS);

  free(hostBins);
  free(hostInput);

  return 0;
}
