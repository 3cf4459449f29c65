#include <wb.h>

#define BLOCK_WIDTH 16

// C = A * B with A numARows x numAColumns, B numBRows x numBColumns, all row-major.
__global__ void matrixMultiply(const float *A, const float *B, float *C, int numARows, int numAColumns, int numBRows,
                               int numBColumns, int numCRows, int numCColumns) {
  //@@ One thread per element of C: compute its row (from the y indices) and column (from the
  //@@ x indices); if they are inside C, set C[row][col] to the dot product of row `row` of A
  //@@ and column `col` of B. Element (r, c) of a row-major matrix with n columns is at r * n + c.
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
  //@@ Set numCRows and numCColumns
  numCRows = 0;
  numCColumns = 0;
  //@@ Allocate hostC (calloc, so that it starts as zeros)
  float *hostC = NULL;
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The dimensions of A are ", numARows, " x ", numAColumns);
  wbLog(TRACE, "The dimensions of B are ", numBRows, " x ", numBColumns);
  float *deviceA;
  float *deviceB;
  float *deviceC;

  wbTime_start(GPU, "Allocating GPU memory");
  //@@ Allocate deviceA, deviceB and deviceC
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  //@@ Copy A and B to the GPU
  wbTime_stop(Copy, "Copying input memory to the GPU");

  //@@ Choose the grid and block dimensions (dim3): BLOCK_WIDTH x BLOCK_WIDTH threads per block,
  //@@ enough blocks to cover every column (x) and every row (y) of C

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Launch matrixMultiply, then wbCheck(cudaGetLastError()) and wbCheck(cudaDeviceSynchronize())
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  //@@ Copy deviceC back into hostC
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  //@@ Free the GPU memory
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostC, numCRows, numCColumns);

  free(hostA);
  free(hostB);
  free(hostC);
  return 0;
}
