// lab: device-query
// expect: compiles
// habits: the original device query's log lines ("There is 1 device supporting CUDA", the
// 9999.9999 check of the CUDA 2 era for "no GPU"), <cuda.h> included by habit, unchecked CUDA
// calls, wbTime_start(GPU, "Getting GPU Data."), and the old deviceProp.clockRate kept behind
// #if 0 (CUDA 13 removed the field: the clock is an attribute now).
#include <wb.h>
#include <cuda.h>

__global__ void doubleAndIncrement(const int *in, int *out, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) out[i] = 2 * in[i] + 1;
}

int main(int argc, char **argv) {
  int deviceCount;
  int threadsPerBlock = 0;

  wbArg_t args = wbArg_read(argc, argv);

  cudaGetDeviceCount(&deviceCount);

  wbTime_start(GPU, "Getting GPU Data."); //@@ start a timer

  for (int dev = 0; dev < deviceCount; dev++) {
    cudaDeviceProp deviceProp;

    cudaGetDeviceProperties(&deviceProp, dev);

    if (dev == 0) {
      if (deviceProp.major == 9999 && deviceProp.minor == 9999) {
        wbLog(TRACE, "No CUDA GPU has been detected");
        return -1;
      } else if (deviceCount == 1) {
        //@@ WbLog is a provided logging API (similar to Log4J).
        //@@ The logging function wbLog takes a level which is either
        //@@ OFF, FATAL, ERROR, WARN, INFO, DEBUG, or TRACE and a
        //@@ message to be printed.
        wbLog(TRACE, "There is 1 device supporting CUDA");
      } else {
        wbLog(TRACE, "There are ", deviceCount, " devices supporting CUDA");
      }
      threadsPerBlock = deviceProp.maxThreadsPerBlock < 256 ? deviceProp.maxThreadsPerBlock : 256;
    }

    int clockRate;
    cudaDeviceGetAttribute(&clockRate, cudaDevAttrClockRate, dev);

    wbLog(TRACE, "Device ", dev, " name: ", deviceProp.name);
    wbLog(TRACE, " Computational Capabilities: ", deviceProp.major, ".", deviceProp.minor);
    wbLog(TRACE, " Multiprocessor count: ", deviceProp.multiProcessorCount);
    wbLog(TRACE, " Clock rate: ", clockRate, " kHz");
#if 0
    wbLog(TRACE, " Clock rate: ", deviceProp.clockRate);
#endif
    wbLog(TRACE, " Maximum global memory size: ", deviceProp.totalGlobalMem);
    wbLog(TRACE, " Maximum constant memory size: ", deviceProp.totalConstMem);
    wbLog(TRACE, " Maximum shared memory size per block: ", deviceProp.sharedMemPerBlock);
    wbLog(TRACE, " Maximum threads per block: ", deviceProp.maxThreadsPerBlock);
    wbLog(TRACE, " Maximum block dimensions: ", deviceProp.maxThreadsDim[0], " x ", deviceProp.maxThreadsDim[1], " x ",
          deviceProp.maxThreadsDim[2]);
    wbLog(TRACE, " Maximum grid dimensions: ", deviceProp.maxGridSize[0], " x ", deviceProp.maxGridSize[1], " x ",
          deviceProp.maxGridSize[2]);
    wbLog(TRACE, " Warp size: ", deviceProp.warpSize);
  }

  wbTime_stop(GPU, "Getting GPU Data."); //@@ stop the timer

  if (threadsPerBlock == 0) {
    wbLog(ERROR, "No CUDA device was found");
    return -1;
  }

  int length;
  int *hostInput = (int *)wbImport(wbArg_getInputFile(args, 0), &length, "Integer");
  int *hostOutput = (int *)malloc(length * sizeof(int));
  int *deviceInput, *deviceOutput;

  cudaMalloc((void **)&deviceInput, length * sizeof(int));
  cudaMalloc((void **)&deviceOutput, length * sizeof(int));
  cudaMemcpy(deviceInput, hostInput, length * sizeof(int), cudaMemcpyHostToDevice);
  doubleAndIncrement<<<(length - 1) / threadsPerBlock + 1, threadsPerBlock>>>(deviceInput, deviceOutput, length);
  cudaMemcpy(hostOutput, deviceOutput, length * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(deviceInput);
  cudaFree(deviceOutput);

  wbSolution(args, hostOutput, length);

  free(hostInput);
  free(hostOutput);
  return 0;
}
