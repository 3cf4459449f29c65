#include <wb.h>

#define BLOCK_SIZE 512 // threads per block; each block reduces 2 * BLOCK_SIZE elements

// Each block sums its 2 * BLOCK_SIZE elements and writes the sum to output[blockIdx.x].
__global__ void total(const float *input, float *output, int len) {
  //@@ Load this block's segment of the input into shared memory: each thread adds two
  //@@ elements (count elements past the end, index >= len, as 0)
  //@@ Traverse the reduction tree (__syncthreads() before each step)
  //@@ Thread 0 writes the block's sum to output[blockIdx.x]
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int numInputElements;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostInput = wbImport(wbArg_getInputFile(args, 0), &numInputElements);
  // One partial sum per block of 2 * BLOCK_SIZE elements.
  int numOutputElements = (numInputElements + 2 * BLOCK_SIZE - 1) / (2 * BLOCK_SIZE);
  // calloc: until the partial sums are copied back, they are all zeros.
  float *hostOutput = (float *)calloc(numOutputElements, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The number of input elements is ", numInputElements);
  wbLog(TRACE, "The number of output elements is ", numOutputElements);
  float *deviceInput;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  //@@ Allocate deviceInput (numInputElements floats) and deviceOutput (numOutputElements)
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  //@@ Copy the input to the GPU
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Launch numOutputElements blocks of BLOCK_SIZE threads, then
  //@@ wbCheck(cudaGetLastError()) and wbCheck(cudaDeviceSynchronize())
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  //@@ Copy the partial sums back into hostOutput
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  //@@ Free the GPU memory
  wbTime_stop(GPU, "Freeing GPU memory");

  // The partial sums are few (one per 1024 inputs): adding them on the host is cheap.
  float sum = 0.0f;
  for (int i = 0; i < numOutputElements; ++i) {
    sum += hostOutput[i];
  }

  wbSolution(args, &sum, 1);

  free(hostInput);
  free(hostOutput);
  return 0;
}
