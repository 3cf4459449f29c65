#include <wb.h>

#define BLOCK_SIZE 512 // threads per block; each block reduces 2 * BLOCK_SIZE elements

// Each block sums its 2 * BLOCK_SIZE elements and writes the sum to output[blockIdx.x]. Every
// thread first adds two elements while loading (elements past the end count as 0), then the
// tree halves the number of active threads at each step; the active threads stay contiguous
// (stride from BLOCK_SIZE / 2 down to 1), so whole warps retire together and shared memory is
// read without bank conflicts.
__global__ void total(const float *input, float *output, int len) {
  __shared__ float partial[BLOCK_SIZE];
  unsigned int t = threadIdx.x;
  unsigned int start = 2 * blockIdx.x * BLOCK_SIZE;

  float first = start + t < len ? input[start + t] : 0.0f;
  float second = start + BLOCK_SIZE + t < len ? input[start + BLOCK_SIZE + t] : 0.0f;
  partial[t] = first + second;

  for (unsigned int stride = BLOCK_SIZE / 2; stride > 0; stride /= 2) {
    __syncthreads();
    if (t < stride) {
      partial[t] += partial[t + stride];
    }
  }
  if (t == 0) {
    output[blockIdx.x] = partial[0];
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int numInputElements;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostInput = wbImport(wbArg_getInputFile(args, 0), &numInputElements);
  // One partial sum per block of 2 * BLOCK_SIZE elements.
  int numOutputElements = (numInputElements + 2 * BLOCK_SIZE - 1) / (2 * BLOCK_SIZE);
  float *hostOutput = (float *)calloc(numOutputElements, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The number of input elements is ", numInputElements);
  wbLog(TRACE, "The number of output elements is ", numOutputElements);
  float *deviceInput;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput, (size_t)numInputElements * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceOutput, (size_t)numOutputElements * sizeof(float)));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(deviceInput, hostInput, (size_t)numInputElements * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  total<<<numOutputElements, BLOCK_SIZE>>>(deviceInput, deviceOutput, numInputElements);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostOutput, deviceOutput, (size_t)numOutputElements * sizeof(float), cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(deviceInput));
  wbCheck(cudaFree(deviceOutput));
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
