#include <wb.h>

#define BLOCK_SIZE 256

// y = A x with A in JDS form (see the description).
__global__ void spmvJDS(const int *perm, const int *rowNnz, const int *diagPtr, const int *colIdx, const float *data,
                        const float *x, float *y, int numRows) {
  //@@ One thread per JDS row r < numRows: sum data[k] * x[colIdx[k]] over the row's
  //@@ nonzeros, k = diagPtr[d] + r for d = 0 .. rowNnz[r] - 1, and store the sum in
  //@@ y[perm[r]] (the row's place in the original order)
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int numRows, rowNnzLength, diagPtrLength, numNonzeros, dataLength, numColumns;

  wbTime_start(Generic, "Importing data and creating memory on host");
  int *hostPerm = (int *)wbImport(wbArg_getInputFile(args, 0), &numRows, "Integer");
  int *hostRowNnz = (int *)wbImport(wbArg_getInputFile(args, 1), &rowNnzLength, "Integer");
  int *hostDiagPtr = (int *)wbImport(wbArg_getInputFile(args, 2), &diagPtrLength, "Integer");
  int *hostColIdx = (int *)wbImport(wbArg_getInputFile(args, 3), &numNonzeros, "Integer");
  float *hostData = wbImport(wbArg_getInputFile(args, 4), &dataLength);
  float *hostX = wbImport(wbArg_getInputFile(args, 5), &numColumns);
  if (rowNnzLength != numRows || dataLength != numNonzeros || diagPtrLength < 1) {
    wbLog(ERROR, "Inconsistent JDS input: ", numRows, " rows, ", rowNnzLength, " row lengths, ", diagPtrLength,
          " diagonal pointers, ", numNonzeros, " column indices, ", dataLength, " values");
    return 1;
  }
  // calloc: until the result is copied back, y is all zeros.
  float *hostY = (float *)calloc(numRows, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "A is ", numRows, " x ", numColumns, " with ", numNonzeros, " nonzeros on ", diagPtrLength - 1,
        " jagged diagonals");

  int *devicePerm, *deviceRowNnz, *deviceDiagPtr, *deviceColIdx;
  float *deviceData, *deviceX, *deviceY;

  wbTime_start(GPU, "Allocating GPU memory");
  //@@ Allocate the device arrays
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  //@@ Copy the six inputs to the GPU
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  //@@ Launch spmvJDS with one thread per row, then wbCheck(cudaGetLastError()) and
  //@@ wbCheck(cudaDeviceSynchronize())
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  //@@ Copy y back into hostY
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  //@@ Free the device arrays
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostY, numRows);

  free(hostPerm);
  free(hostRowNnz);
  free(hostDiagPtr);
  free(hostColIdx);
  free(hostData);
  free(hostX);
  free(hostY);
  return 0;
}
