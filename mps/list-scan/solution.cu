#include <wb.h>

#define BLOCK_SIZE 512              // threads per block
#define SECTION_SIZE (2 * BLOCK_SIZE) // elements scanned by one block

// Inclusive scan of each SECTION_SIZE-element section (Brent-Kung: a reduction tree up, then
// the partial sums pushed back down), in shared memory. When blockSums is not NULL, block b also
// writes its section's total to blockSums[b], for the next level of the scan. Input and output
// may be the same array: a block reads all of its section before writing any of it.
__global__ void scan(const float *input, float *output, float *blockSums, int len) {
  __shared__ float section[SECTION_SIZE];
  int t = threadIdx.x;
  int start = blockIdx.x * SECTION_SIZE;

  section[t] = start + t < len ? input[start + t] : 0.0f;
  section[t + BLOCK_SIZE] = start + BLOCK_SIZE + t < len ? input[start + BLOCK_SIZE + t] : 0.0f;

  // Up-sweep: after the step with stride s, every element at index 2s*k - 1 holds the sum of
  // the 2s elements ending there.
  for (int stride = 1; stride <= BLOCK_SIZE; stride *= 2) {
    __syncthreads();
    int index = (t + 1) * stride * 2 - 1;
    if (index < SECTION_SIZE) {
      section[index] += section[index - stride];
    }
  }
  // Down-sweep: hand each partial sum on to the element half a stride to its right.
  for (int stride = SECTION_SIZE / 4; stride > 0; stride /= 2) {
    __syncthreads();
    int index = (t + 1) * stride * 2 - 1;
    if (index + stride < SECTION_SIZE) {
      section[index + stride] += section[index];
    }
  }
  __syncthreads();

  if (start + t < len) {
    output[start + t] = section[t];
  }
  if (start + BLOCK_SIZE + t < len) {
    output[start + BLOCK_SIZE + t] = section[t + BLOCK_SIZE];
  }
  if (blockSums != NULL && t == 0) {
    blockSums[blockIdx.x] = section[SECTION_SIZE - 1];
  }
}

// Adds the scanned totals of all earlier sections to every element of section b > 0.
__global__ void addBlockSums(float *output, const float *scannedBlockSums, int len) {
  if (blockIdx.x == 0) {
    return;
  }
  float offset = scannedBlockSums[blockIdx.x - 1];
  int i = blockIdx.x * SECTION_SIZE + threadIdx.x;
  if (i < len) {
    output[i] += offset;
  }
  if (i + BLOCK_SIZE < len) {
    output[i + BLOCK_SIZE] += offset;
  }
}

// Scans len elements on the device: each section on its own, then (with more than one section)
// the sections' totals, scanned the same way, added back. One level handles a million
// elements; the recursion makes any length work. Returns 0, or -1 after a CUDA error.
static int scanOnDevice(const float *deviceInput, float *deviceOutput, int len) {
  int sections = (len + SECTION_SIZE - 1) / SECTION_SIZE;
  float *blockSums = NULL;
  if (sections > 1) {
    wbCheck(cudaMalloc((void **)&blockSums, (size_t)sections * sizeof(float)));
  }
  scan<<<sections, BLOCK_SIZE>>>(deviceInput, deviceOutput, blockSums, len);
  wbCheck(cudaGetLastError());
  if (sections > 1) {
    if (scanOnDevice(blockSums, blockSums, sections) != 0) {
      return -1;
    }
    addBlockSums<<<sections, BLOCK_SIZE>>>(deviceOutput, blockSums, len);
    wbCheck(cudaGetLastError());
    wbCheck(cudaFree(blockSums));
  }
  return 0;
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int numElements;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostInput = wbImport(wbArg_getInputFile(args, 0), &numElements);
  float *hostOutput = (float *)calloc(numElements, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The number of input elements is ", numElements);
  size_t bytes = (size_t)numElements * sizeof(float);
  float *deviceInput;
  float *deviceOutput;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput, bytes));
  wbCheck(cudaMalloc((void **)&deviceOutput, bytes));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(deviceInput, hostInput, bytes, cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  if (scanOnDevice(deviceInput, deviceOutput, numElements) != 0) {
    return 1;
  }
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostOutput, deviceOutput, bytes, cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(deviceInput));
  wbCheck(cudaFree(deviceOutput));
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostOutput, numElements);

  free(hostInput);
  free(hostOutput);
  return 0;
}
