// lab: vector-add-cpp
// expect: passed
// habits: the headers a student includes although wb.h has them, a Visual Studio pause kept
// behind #ifdef _WIN32, C99 restrict in C++, printf and std::cout for debugging.
#include <wb.h>
#include <iostream>
#include <sstream>
#include <math.h>
#include <cmath>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

// Add the vectors on the CPU.
static void vecAdd(const float *restrict in1, const float *restrict in2, float *restrict out, int len) {
  for (int i = 0; i < len; i++) {
    out[i] = in1[i] + in2[i];
  }
}

int main(int argc, char **argv) {
  wbArg_t args;
  int inputLength;
  float *hostInput1;
  float *hostInput2;
  float *hostOutput;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  hostInput2 = (float *)wbImport(wbArg_getInputFile(args, 1), &inputLength);
  hostOutput = (float *)malloc(inputLength * sizeof(float));
  memset(hostOutput, 0, inputLength * sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  std::stringstream ss;
  ss << "The input length is " << inputLength;
  wbLog(TRACE, ss.str());
  printf("length = %d, sqrt = %f\n", inputLength, sqrt((double)inputLength));
  std::cout << "fabs check: " << std::fabs(-1.0f) << std::endl;

  wbTime_start(Compute, "Performing the computation");
  vecAdd(hostInput1, hostInput2, hostOutput, inputLength);
  wbTime_stop(Compute, "Performing the computation");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);

#ifdef _WIN32
  system("pause");
#endif
#if 0
  exit(0); // left over from debugging
#endif
  return 0;
}
