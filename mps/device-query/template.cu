#include <wb.h>

// Given: a first kernel, to show that the device found by the query really runs code.
__global__ void doubleAndIncrement(const int *in, int *out, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    out[i] = 2 * in[i] + 1;
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);

  int runtimeVersion = 0;
  int driverVersion = 0;
  wbCheck(cudaRuntimeGetVersion(&runtimeVersion));
  wbCheck(cudaDriverGetVersion(&driverVersion));
  wbLog(TRACE, "CUDA runtime ", runtimeVersion / 1000, ".", (runtimeVersion % 1000) / 10, ", driver supports CUDA ",
        driverVersion / 1000, ".", (driverVersion % 1000) / 10);

  int deviceCount = 0;
  //@@ Set deviceCount to the number of CUDA devices: wbCheck(cudaGetDeviceCount(&deviceCount));
  int threadsPerBlock = 0;

  for (int dev = 0; dev < deviceCount; dev++) {
    cudaDeviceProp deviceProp;
    //@@ Fill deviceProp with the properties of device dev (cudaGetDeviceProperties)
    //@@ and log them with wbLog(TRACE, ...): the name, the compute capability (major.minor),
    //@@ the number of multiprocessors, the global, constant and shared memory sizes, the
    //@@ maximum threads per block, the maximum block and grid dimensions and the warp size.
    //@@ (The clock rate is an attribute: cudaDeviceGetAttribute(&kHz, cudaDevAttrClockRate, dev).)

    if (dev == 0) {
      //@@ Set threadsPerBlock to 256, or to device 0's maxThreadsPerBlock if that is smaller
    }
  }

  if (deviceCount == 0 || threadsPerBlock == 0) {
    wbLog(ERROR, "No CUDA device was found: query the device count and the properties of device 0 first");
    return 1;
  }

  // The first kernel (given): runs on device 0 with the block size chosen from its properties.
  int length;
  int *hostInput = (int *)wbImport(wbArg_getInputFile(args, 0), &length, "Integer");
  int *hostOutput = (int *)calloc(length, sizeof(int));
  int *deviceInput;
  int *deviceOutput;
  size_t bytes = (size_t)length * sizeof(int);

  wbTime_start(GPU, "Running the first kernel on ", length, " integers");
  wbCheck(cudaMalloc((void **)&deviceInput, bytes));
  wbCheck(cudaMalloc((void **)&deviceOutput, bytes));
  wbCheck(cudaMemcpy(deviceInput, hostInput, bytes, cudaMemcpyHostToDevice));
  doubleAndIncrement<<<(length + threadsPerBlock - 1) / threadsPerBlock, threadsPerBlock>>>(deviceInput, deviceOutput,
                                                                                             length);
  wbCheck(cudaGetLastError());
  wbCheck(cudaMemcpy(hostOutput, deviceOutput, bytes, cudaMemcpyDeviceToHost));
  wbCheck(cudaFree(deviceInput));
  wbCheck(cudaFree(deviceOutput));
  wbTime_stop(GPU, "Running the first kernel on ", length, " integers");

  wbSolution(args, hostOutput, length);

  free(hostInput);
  free(hostOutput);
  return 0;
}
