#include <wb.h>

#define TILE_WIDTH 16

// C = A * B (row-major), one TILE_WIDTH x TILE_WIDTH tile of C per block, using shared memory.
__global__ void matrixMultiplyShared(const float *A, const float *B, float *C, int numARows, int numAColumns,
                                     int numBRows, int numBColumns, int numCRows, int numCColumns) {
  //@@ Declare two TILE_WIDTH x TILE_WIDTH tiles in shared memory, one for A and one for B.
  //@@ For each phase (a TILE_WIDTH-wide step along A's columns and B's rows):
  //@@   - each thread loads one element of the A tile and one of the B tile (0 when the
  //@@     element is outside the matrix),
  //@@   - __syncthreads(),
  //@@   - each thread accumulates its row of the A tile times its column of the B tile,
  //@@   - __syncthreads() again before the next phase overwrites the tiles.
  //@@ Finally, threads inside C write their element.
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

  //@@ Choose the grid and block dimensions: TILE_WIDTH x TILE_WIDTH threads per block, enough
  //@@ blocks to cover C

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Launch matrixMultiplyShared, then wbCheck(cudaGetLastError()) and
  //@@ wbCheck(cudaDeviceSynchronize())
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
