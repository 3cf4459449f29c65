// lab: vector-add
// expect: compiles
// habits of the CUDA 4 to 8 era: cuda_runtime.h and Visual Studio's device_launch_parameters.h
// included by hand, the template's own wbCheck defined after wb.h, cudaThreadSynchronize after
// the launch, a pause behind #if defined(_MSC_VER).
#include "cuda_runtime.h"
#include "device_launch_parameters.h"
#include <wb.h>
#include <iostream>
#include <stdio.h>

#define wbCheck(stmt)                                                                              \
  do {                                                                                             \
    cudaError_t err = stmt;                                                                        \
    if (err != cudaSuccess) {                                                                      \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                  \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(err));                               \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

__global__ void vecAdd(float *in1, float *in2, float *out, int len) {
  int i = threadIdx.x + blockDim.x * blockIdx.x;
  if (i < len) out[i] = in1[i] + in2[i];
}

int main(int argc, char **argv) {
  wbArg_t args;
  int inputLength;
  float *hostInput1, *hostInput2, *hostOutput;
  float *deviceInput1, *deviceInput2, *deviceOutput;

  args = wbArg_read(argc, argv);
  hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  hostInput2 = (float *)wbImport(wbArg_getInputFile(args, 1), &inputLength);
  hostOutput = (float *)malloc(inputLength * sizeof(float));
  std::cout << "The input length is " << inputLength << std::endl;

  int size = inputLength * sizeof(float);
  wbCheck(cudaMalloc((void **)&deviceInput1, size));
  wbCheck(cudaMalloc((void **)&deviceInput2, size));
  wbCheck(cudaMalloc((void **)&deviceOutput, size));
  wbCheck(cudaMemcpy(deviceInput1, hostInput1, size, cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceInput2, hostInput2, size, cudaMemcpyHostToDevice));

  dim3 DimGrid((inputLength - 1) / 256 + 1, 1, 1);
  dim3 DimBlock(256, 1, 1);
  wbTime_start(Compute, "Performing CUDA computation");
  vecAdd<<<DimGrid, DimBlock>>>(deviceInput1, deviceInput2, deviceOutput, inputLength);
  cudaThreadSynchronize();
  wbTime_stop(Compute, "Performing CUDA computation");

  wbCheck(cudaMemcpy(hostOutput, deviceOutput, size, cudaMemcpyDeviceToHost));
  cudaFree(deviceInput1);
  cudaFree(deviceInput2);
  cudaFree(deviceOutput);

  wbSolution(args, hostOutput, inputLength);
  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
#if defined(_MSC_VER)
  system("pause");
#endif
  return 0;
}
