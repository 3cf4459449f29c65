// lab: matrix-multiply
// expect: compiles
// habits: K&R-ish C (every declaration at the top of main, /* */ comments), <stdio.h> and
// <stdlib.h> included by habit, (float *) casts of wbImport with int* sizes, malloc for C,
// printf debugging, the template's own wbCheck after wb.h, every timer kind, dim3 sizes from
// ceil() of floats, cudaThreadSynchronize, and a pause for Visual Studio behind #ifdef _WIN32.
#include <wb.h>
#include <stdio.h>
#include <stdlib.h>

#define wbCheck(stmt)                                                                              \
  do {                                                                                             \
    cudaError_t err = stmt;                                                                        \
    if (err != cudaSuccess) {                                                                      \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                  \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(err));                               \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

/* Compute C = A * B */
__global__ void matrixMultiply(float *A, float *B, float *C, int numARows, int numAColumns, int numBRows,
                               int numBColumns, int numCRows, int numCColumns) {
  /*@@ Insert code to implement matrix multiplication here */
  int Row = blockIdx.y * blockDim.y + threadIdx.y;
  int Col = blockIdx.x * blockDim.x + threadIdx.x;
  int k;
  float Pvalue;
  if ((Row < numCRows) && (Col < numCColumns)) {
    Pvalue = 0;
    for (k = 0; k < numAColumns; ++k)
      Pvalue += A[Row * numAColumns + k] * B[k * numBColumns + Col];
    C[Row * numCColumns + Col] = Pvalue;
  }
}

int main(int argc, char **argv) {
  wbArg_t args;
  float *hostA; /* The A matrix */
  float *hostB; /* The B matrix */
  float *hostC; /* The output C matrix */
  float *deviceA;
  float *deviceB;
  float *deviceC;
  int numARows;    /* number of rows in the matrix A */
  int numAColumns; /* number of columns in the matrix A */
  int numBRows;    /* number of rows in the matrix B */
  int numBColumns; /* number of columns in the matrix B */
  int numCRows;    /* number of rows in the matrix C (you have to set this) */
  int numCColumns; /* number of columns in the matrix C (you have to set this) */
  int sizeA, sizeB, sizeC;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostA = (float *)wbImport(wbArg_getInputFile(args, 0), &numARows, &numAColumns);
  hostB = (float *)wbImport(wbArg_getInputFile(args, 1), &numBRows, &numBColumns);
  /*@@ Set numCRows and numCColumns */
  numCRows = numARows;
  numCColumns = numBColumns;
  sizeA = numARows * numAColumns * sizeof(float);
  sizeB = numBRows * numBColumns * sizeof(float);
  sizeC = numCRows * numCColumns * sizeof(float);
  /*@@ Allocate the hostC matrix */
  hostC = (float *)malloc(sizeC);
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The dimensions of A are ", numARows, " x ", numAColumns);
  wbLog(TRACE, "The dimensions of B are ", numBRows, " x ", numBColumns);
  printf("C is %d x %d\n", numCRows, numCColumns);

  wbTime_start(GPU, "Allocating GPU memory.");
  /*@@ Allocate GPU memory here */
  wbCheck(cudaMalloc((void **)&deviceA, sizeA));
  wbCheck(cudaMalloc((void **)&deviceB, sizeB));
  wbCheck(cudaMalloc((void **)&deviceC, sizeC));
  wbTime_stop(GPU, "Allocating GPU memory.");

  wbTime_start(Copy, "Copying input memory to the GPU.");
  /*@@ Copy memory to the GPU here */
  wbCheck(cudaMemcpy(deviceA, hostA, sizeA, cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceB, hostB, sizeB, cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU.");

  /*@@ Initialize the grid and block dimensions here */
  dim3 DimGrid(ceil(numCColumns / 16.0), ceil(numCRows / 16.0), 1);
  dim3 DimBlock(16, 16, 1);

  wbTime_start(Compute, "Performing CUDA computation");
  /*@@ Launch the GPU Kernel here */
  matrixMultiply<<<DimGrid, DimBlock>>>(deviceA, deviceB, deviceC, numARows, numAColumns, numBRows, numBColumns,
                                        numCRows, numCColumns);
  cudaThreadSynchronize();
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  /*@@ Copy the GPU memory back to the CPU here */
  wbCheck(cudaMemcpy(hostC, deviceC, sizeC, cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU Memory");
  /*@@ Free the GPU memory here */
  cudaFree(deviceA);
  cudaFree(deviceB);
  cudaFree(deviceC);
  wbTime_stop(GPU, "Freeing GPU Memory");

  wbSolution(args, hostC, numCRows, numCColumns);

  free(hostA);
  free(hostB);
  free(hostC);

#ifdef _WIN32
  system("pause");
#endif
  return 0;
}
