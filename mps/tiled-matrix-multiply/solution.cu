#include <wb.h>

#define TILE_WIDTH 16

// C = A * B (row-major), one TILE_WIDTH x TILE_WIDTH tile of C per block. The block walks along
// the inner dimension one tile at a time: its threads load one tile of A and one of B into shared
// memory together (each element read from global memory once per block instead of TILE_WIDTH
// times), then each thread adds its row of the A tile times its column of the B tile. Elements
// past the edge of A or B load as 0, which adds nothing, so any size works.
__global__ void matrixMultiplyShared(const float *A, const float *B, float *C, int numARows, int numAColumns,
                                     int numBRows, int numBColumns, int numCRows, int numCColumns) {
  __shared__ float tileA[TILE_WIDTH][TILE_WIDTH];
  __shared__ float tileB[TILE_WIDTH][TILE_WIDTH];

  int tx = threadIdx.x;
  int ty = threadIdx.y;
  int row = blockIdx.y * TILE_WIDTH + ty;
  int col = blockIdx.x * TILE_WIDTH + tx;
  float sum = 0.0f;

  int phases = (numAColumns + TILE_WIDTH - 1) / TILE_WIDTH;
  for (int phase = 0; phase < phases; ++phase) {
    int aCol = phase * TILE_WIDTH + tx;
    int bRow = phase * TILE_WIDTH + ty;
    tileA[ty][tx] = (row < numARows && aCol < numAColumns) ? A[row * numAColumns + aCol] : 0.0f;
    tileB[ty][tx] = (bRow < numBRows && col < numBColumns) ? B[bRow * numBColumns + col] : 0.0f;
    __syncthreads(); // the tiles are complete before anyone reads them

    for (int k = 0; k < TILE_WIDTH; ++k) {
      sum += tileA[ty][k] * tileB[k][tx];
    }
    __syncthreads(); // everyone is done with the tiles before the next phase overwrites them
  }

  if (row < numCRows && col < numCColumns) {
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

  dim3 dimBlock(TILE_WIDTH, TILE_WIDTH);
  dim3 dimGrid((numCColumns + TILE_WIDTH - 1) / TILE_WIDTH, (numCRows + TILE_WIDTH - 1) / TILE_WIDTH);

  wbTime_start(Compute, "Performing CUDA computation");
  matrixMultiplyShared<<<dimGrid, dimBlock>>>(deviceA, deviceB, deviceC, numARows, numAColumns, numBRows, numBColumns,
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
