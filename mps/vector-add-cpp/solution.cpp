#include <wb.h>

#include <cstdlib>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  int inputLength;
  int secondLength;
  float *hostInput1 = wbImport(wbArg_getInputFile(args, 0), &inputLength);
  float *hostInput2 = wbImport(wbArg_getInputFile(args, 1), &secondLength);
  if (secondLength != inputLength) {
    wbLog(ERROR, "The inputs differ in length: ", inputLength, " and ", secondLength);
    return 1;
  }
  // calloc: the output starts as zeros.
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength, " elements");

  wbTime_start(Compute, "Adding the vectors");
  for (int i = 0; i < inputLength; ++i) {
    hostOutput[i] = hostInput1[i] + hostInput2[i];
  }
  wbTime_stop(Compute, "Adding the vectors");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
