#include <wb.h>

#define BLOCK_SIZE 256

__global__ void vecAdd(const float *in1, const float *in2, float *out, int len) {
  //@@ Compute this thread's element index i from blockIdx, blockDim and threadIdx,
  //@@ and set out[i] = in1[i] + in2[i] when i is inside the vectors (i < len)
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int inputLength;
  int secondLength;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostInput1 = wbImport(wbArg_getInputFile(args, 0), &inputLength);
  float *hostInput2 = wbImport(wbArg_getInputFile(args, 1), &secondLength);
  if (secondLength != inputLength) {
    wbLog(ERROR, "The inputs differ in length: ", inputLength, " and ", secondLength);
    return 1;
  }
  // calloc: until the result is copied back, the output is all zeros.
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);
  float *deviceInput1;
  float *deviceInput2;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  //@@ Allocate deviceInput1, deviceInput2 and deviceOutput with cudaMalloc
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  //@@ Copy hostInput1 and hostInput2 to the GPU with cudaMemcpy
  wbTime_stop(Copy, "Copying input memory to the GPU");

  //@@ Choose the grid and block dimensions: enough blocks of BLOCK_SIZE threads
  //@@ to cover every element

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Launch vecAdd, then check for launch errors and wait for it:
  //@@   wbCheck(cudaGetLastError()); wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  //@@ Copy deviceOutput back into hostOutput
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  //@@ Free the GPU memory
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
