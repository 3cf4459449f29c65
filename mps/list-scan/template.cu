#include <wb.h>

#define BLOCK_SIZE 512                // threads per block
#define SECTION_SIZE (2 * BLOCK_SIZE) // elements scanned by one block

// Inclusive scan of each SECTION_SIZE-element section in shared memory. When blockSums is not
// NULL, block b also writes its section's total to blockSums[b].
__global__ void scan(const float *input, float *output, float *blockSums, int len) {
  //@@ Load this block's section into a __shared__ array (0 past the end of the input),
  //@@ scan it (Brent-Kung or Kogge-Stone, __syncthreads() between the steps),
  //@@ write the section back to output (only indices < len) and, if blockSums != NULL,
  //@@ its total to blockSums[blockIdx.x]
}

// Adds the scanned totals of all earlier sections to every element of section b > 0.
__global__ void addBlockSums(float *output, const float *scannedBlockSums, int len) {
  //@@ Section blockIdx.x > 0: add scannedBlockSums[blockIdx.x - 1] to each of its elements
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
  wbCheck(cudaMemset(deviceOutput, 0, bytes)); // zeros until your scan writes it
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(deviceInput, hostInput, bytes, cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Scan the whole input into deviceOutput:
  //@@   1. scan every section (one block each), collecting the section totals in a device
  //@@      array of (numElements + SECTION_SIZE - 1) / SECTION_SIZE floats,
  //@@   2. scan the section totals (the same kernel; more than SECTION_SIZE totals need
  //@@      another level),
  //@@   3. add them back with addBlockSums.
  //@@ Check each launch with wbCheck(cudaGetLastError()), free the extra memory, then
  //@@ wbCheck(cudaDeviceSynchronize()).
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
