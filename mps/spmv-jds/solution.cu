#include <wb.h>

#define BLOCK_SIZE 256

// y = A x with A in JDS form: one thread per JDS row r (the original row perm[r]). The element of
// row r on jagged diagonal d is at diagPtr[d] + r, so in each step of the loop the threads of a
// warp read consecutive elements: coalesced. Rows are sorted by their number of nonzeros, so
// neighbouring threads also run for about as many steps.
__global__ void spmvJDS(const int *perm, const int *rowNnz, const int *diagPtr, const int *colIdx, const float *data,
                        const float *x, float *y, int numRows) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < numRows) {
    float sum = 0.0f;
    int nnz = rowNnz[r];
    for (int d = 0; d < nnz; ++d) {
      int k = diagPtr[d] + r;
      sum += data[k] * x[colIdx[k]];
    }
    y[perm[r]] = sum;
  }
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
  float *hostY = (float *)calloc(numRows, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "A is ", numRows, " x ", numColumns, " with ", numNonzeros, " nonzeros on ", diagPtrLength - 1,
        " jagged diagonals");

  int *devicePerm, *deviceRowNnz, *deviceDiagPtr, *deviceColIdx;
  float *deviceData, *deviceX, *deviceY;

  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&devicePerm, (size_t)numRows * sizeof(int)));
  wbCheck(cudaMalloc((void **)&deviceRowNnz, (size_t)numRows * sizeof(int)));
  wbCheck(cudaMalloc((void **)&deviceDiagPtr, (size_t)diagPtrLength * sizeof(int)));
  wbCheck(cudaMalloc((void **)&deviceColIdx, (size_t)numNonzeros * sizeof(int)));
  wbCheck(cudaMalloc((void **)&deviceData, (size_t)numNonzeros * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceX, (size_t)numColumns * sizeof(float)));
  wbCheck(cudaMalloc((void **)&deviceY, (size_t)numRows * sizeof(float)));
  wbTime_stop(GPU, "Allocating GPU memory");

  wbTime_start(Copy, "Copying input memory to the GPU");
  wbCheck(cudaMemcpy(devicePerm, hostPerm, (size_t)numRows * sizeof(int), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceRowNnz, hostRowNnz, (size_t)numRows * sizeof(int), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceDiagPtr, hostDiagPtr, (size_t)diagPtrLength * sizeof(int), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceColIdx, hostColIdx, (size_t)numNonzeros * sizeof(int), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceData, hostData, (size_t)numNonzeros * sizeof(float), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(deviceX, hostX, (size_t)numColumns * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(Copy, "Copying input memory to the GPU");

  wbTime_start(Compute, "Performing CUDA computation");
  spmvJDS<<<(numRows + BLOCK_SIZE - 1) / BLOCK_SIZE, BLOCK_SIZE>>>(devicePerm, deviceRowNnz, deviceDiagPtr, deviceColIdx,
                                                                 deviceData, deviceX, deviceY, numRows);
  wbCheck(cudaGetLastError());
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Performing CUDA computation");

  wbTime_start(Copy, "Copying output memory to the CPU");
  wbCheck(cudaMemcpy(hostY, deviceY, (size_t)numRows * sizeof(float), cudaMemcpyDeviceToHost));
  wbTime_stop(Copy, "Copying output memory to the CPU");

  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(devicePerm));
  wbCheck(cudaFree(deviceRowNnz));
  wbCheck(cudaFree(deviceDiagPtr));
  wbCheck(cudaFree(deviceColIdx));
  wbCheck(cudaFree(deviceData));
  wbCheck(cudaFree(deviceX));
  wbCheck(cudaFree(deviceY));
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
