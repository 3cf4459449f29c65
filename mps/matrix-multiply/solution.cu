#include <wb.h>

#define BLOCK_WIDTH 16

// C = A * B with A numARows x numAColumns, B numBRows x numBColumns, all row-major. One thread
// per element of C; threads of the edge blocks that fall outside C do nothing.
__global__ void matrixMultiply(const float *A, const float *B, float *C, int numARows, int numAColumns, int numBRows,
                               int numBColumns, int numCRows, int numCColumns) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < numCRows && col < numCColumns) {
    float sum = 0.0f;
    for (int k = 0; k < numAColumns; ++k) {
      sum += A[row * numAColumns + k] * B[k * numBColumns + col];
    }
    C[row * numCColumns + col] = sum;
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int numARows, numAColumns;
  int numBRows, numBColumns;
  int numCRows, numCColumns;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostA = wbImport(wbArg_getInputFile(args, 0), &numARows, &numAColumns);
  float *hostB = wbImport(wbArg_getInputFile(args, 1), &numBRows, &numBColumns);
  if (numAColumns != numBRows) {
    wbLog(ERROR, "A has ", numAColumns, " columns but B has ", numBRows, " rows: they cannot be multiplied");
    return 1;
  }
  numCRows = numARows;
  numCColumns = numBColumns;
  float *hostC = (float *)calloc((size_t)numCRows * numCColumns, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The dimensions of A are ", numARows, " x ", numAColumns);
  wbLog(TRACE, "The dimensions of B are ", numBRows, " x ", numBColumns);
  size_t bytesA = (size_t)numARows * numAColumns * sizeof(float);
  size_t bytesB = (size_t)numBRows * numBColumns * sizeof(float);
  size_t bytesC = (size_t)numCRows * numCColumns * sizeof(float);
  float *deviceA;
  float *deviceB;
  float *deviceC;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceA, bytesA));
  wbCheck(cudaMalloc((void **)&deviceB, bytesB));
  wbCheck(cudaMalloc((void **)&deviceC, bytesC));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(deviceA, hostA, bytesA, cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceB, hostB, bytesB, cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  // x runs along the columns of C, y along its rows.
  dim3 dimBlock(BLOCK_WIDTH, BLOCK_WIDTH);
  dim3 dimGrid((numCColumns + BLOCK_WIDTH - 1) / BLOCK_WIDTH, (numCRows + BLOCK_WIDTH - 1) / BLOCK_WIDTH);

  wbTime_start(Compute, "Performing CUDA computation");
  matrixMultiply<<<dimGrid, dimBlock>>>(deviceA, deviceB, deviceC, numARows, numAColumns, numBRows, numBColumns,
                                        numCRows, numCColumns);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostC, deviceC, bytesC, cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(deviceA));
  wbCheck(cudaFree(deviceB));
  wbCheck(cudaFree(deviceC));
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostC, numCRows, numCColumns);

  free(hostA);
  free(hostB);
  free(hostC);
  return 0;
}
