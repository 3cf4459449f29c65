#include <wb.h>

#define BLOCK_SIZE 256

// One thread per element; the grid is rounded up to whole blocks, so the last block's extra
// threads must not touch memory past the end of the vectors.
__global__ void vecAdd(const float *in1, const float *in2, float *out, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    out[i] = in1[i] + in2[i];
  }
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
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);
  float *deviceInput1;
  float *deviceInput2;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput1, bytes));
  wbCheck(cudaMalloc((void **)&deviceInput2, bytes));
  wbCheck(cudaMalloc((void **)&deviceOutput, bytes));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(deviceInput1, hostInput1, bytes, cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceInput2, hostInput2, bytes, cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  dim3 dimGrid((inputLength + BLOCK_SIZE - 1) / BLOCK_SIZE);
  dim3 dimBlock(BLOCK_SIZE);

  wbTime_start(Compute, "Performing CUDA computation");
  vecAdd<<<dimGrid, dimBlock>>>(deviceInput1, deviceInput2, deviceOutput, inputLength);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostOutput, deviceOutput, bytes, cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(deviceInput1));
  wbCheck(cudaFree(deviceInput2));
  wbCheck(cudaFree(deviceOutput));
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
