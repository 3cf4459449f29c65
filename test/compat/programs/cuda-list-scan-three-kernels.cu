// lab: list-scan
// expect: compiles
// habits: the template's own wbCheck after wb.h, the lecture's work-efficient (Brent-Kung) scan
// with an auxiliary array of block sums scanned by a single block (so at most
// 2 * BLOCK_SIZE blocks: enough for every dataset), three kernels in a row with
// cudaDeviceSynchronize between them, <stdio.h> and printf debugging, and a leftover
// system("pause") behind #if 0.
#include <wb.h>
#include <stdio.h>

#define BLOCK_SIZE 512 //@@ You can change this

#define wbCheck(stmt)                                                                              \
  do {                                                                                             \
    cudaError_t err = stmt;                                                                        \
    if (err != cudaSuccess) {                                                                      \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                  \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(err));                               \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

__global__ void scan(float *input, float *output, float *aux, int len) {
  //@@ Modify the body of this function to complete the functionality of
  //@@ the scan on the device
  //@@ You may need multiple kernel calls; write your kernels before this
  //@@ function and call them from here
  __shared__ float XY[2 * BLOCK_SIZE];
  unsigned int t = threadIdx.x;
  unsigned int start = 2 * blockIdx.x * BLOCK_SIZE;

  if (start + t < len)
    XY[t] = input[start + t];
  else
    XY[t] = 0.0f;
  if (start + BLOCK_SIZE + t < len)
    XY[BLOCK_SIZE + t] = input[start + BLOCK_SIZE + t];
  else
    XY[BLOCK_SIZE + t] = 0.0f;

  // reduction phase
  for (unsigned int stride = 1; stride <= BLOCK_SIZE; stride *= 2) {
    __syncthreads();
    unsigned int index = (t + 1) * stride * 2 - 1;
    if (index < 2 * BLOCK_SIZE) XY[index] += XY[index - stride];
  }
  // post reduction reverse phase
  for (unsigned int stride = BLOCK_SIZE / 2; stride > 0; stride /= 2) {
    __syncthreads();
    unsigned int index = (t + 1) * stride * 2 - 1;
    if (index + stride < 2 * BLOCK_SIZE) XY[index + stride] += XY[index];
  }
  __syncthreads();

  if (start + t < len) output[start + t] = XY[t];
  if (start + BLOCK_SIZE + t < len) output[start + BLOCK_SIZE + t] = XY[BLOCK_SIZE + t];
  if (aux != NULL && t == 0) aux[blockIdx.x] = XY[2 * BLOCK_SIZE - 1];
}

__global__ void fixup(float *output, float *aux, int len) {
  unsigned int start = 2 * blockIdx.x * BLOCK_SIZE;
  unsigned int t = threadIdx.x;
  if (blockIdx.x > 0) {
    if (start + t < len) output[start + t] += aux[blockIdx.x - 1];
    if (start + BLOCK_SIZE + t < len) output[start + BLOCK_SIZE + t] += aux[blockIdx.x - 1];
  }
}

int main(int argc, char **argv) {
  wbArg_t args;
  float *hostInput;  // The input 1D list
  float *hostOutput; // The output list
  float *deviceInput;
  float *deviceOutput;
  float *deviceAux;
  int numElements; // number of elements in the list

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostInput = (float *)wbImport(wbArg_getInputFile(args, 0), &numElements);
  hostOutput = (float *)malloc(numElements * sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The number of input elements in the input is ", numElements);

  int numBlocks = (numElements - 1) / (BLOCK_SIZE << 1) + 1;
  printf("numElements = %d, numBlocks = %d\n", numElements, numBlocks);

  wbTime_start(GPU, "Allocating GPU memory.");
  wbCheck(cudaMalloc((void **)&deviceInput, numElements * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceOutput, numElements * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceAux, numBlocks * sizeof(float)));
  wbTime_stop(GPU, "Allocating GPU memory.");

  wbTime_start(GPU, "Clearing output memory.");
  wbCheck(cudaMemset(deviceOutput, 0, numElements * sizeof(float)));
  wbTime_stop(GPU, "Clearing output memory.");

  wbTime_start(GPU, "Copying input memory to the GPU.");
  wbCheck(cudaMemcpy(deviceInput, hostInput, numElements * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(GPU, "Copying input memory to the GPU.");

  //@@ Initialize the grid and block dimensions here
  dim3 DimGrid(numBlocks, 1, 1);
  dim3 DimBlock(BLOCK_SIZE, 1, 1);

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Modify this to complete the functionality of the scan
  //@@ on the deivce
  scan<<<DimGrid, DimBlock>>>(deviceInput, deviceOutput, deviceAux, numElements);
  cudaDeviceSynchronize();
  scan<<<1, DimBlock>>>(deviceAux, deviceAux, NULL, numBlocks);
  cudaDeviceSynchronize();
  fixup<<<DimGrid, DimBlock>>>(deviceOutput, deviceAux, numElements);
  cudaDeviceSynchronize();
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostOutput, deviceOutput, numElements * sizeof(float), cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU Memory");
  cudaFree(deviceInput);
  cudaFree(deviceOutput);
  cudaFree(deviceAux);
  wbTime_stop(GPU, "Freeing GPU Memory");

  wbSolution(args, hostOutput, numElements);

  free(hostInput);
  free(hostOutput);

#if 0
  system("pause");
#endif
  return 0;
}
