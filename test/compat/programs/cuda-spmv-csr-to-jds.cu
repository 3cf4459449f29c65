// lab: spmv-jds
// expect: compiles
// habits: the original SpMV lab's CSR input turned into JDS by libwb's CSRToJDS (wbSparse.h),
// and wb.h's own wbCheck used as a statement.
#include <wb.h>
#include <wbSparse.h>

__global__ void spmvJDSKernel(float *out, int *matColStart, int *matCols, int *matRowPerm, int *matRows,
                              float *matData, float *vec, int dim) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < dim) {
    float sum = 0.0f;
    for (int sec = 0; sec < matRows[row]; sec++) {
      sum += matData[matColStart[sec] + row] * vec[matCols[matColStart[sec] + row]];
    }
    out[matRowPerm[row]] = sum;
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int *hostCSRCols, *hostCSRRows;
  float *hostCSRData;
  int *hostJDSColStart, *hostJDSCols, *hostJDSRowPerm, *hostJDSRows;
  float *hostJDSData;
  int dim, ncols, nrows, ndata;

  hostCSRCols = (int *)wbImport(wbArg_getInputFile(args, 0), &ncols, "Integer");
  hostCSRRows = (int *)wbImport(wbArg_getInputFile(args, 1), &nrows, "Integer");
  hostCSRData = (float *)wbImport(wbArg_getInputFile(args, 2), &ndata, "Real");
  float *hostVector = (float *)wbImport(wbArg_getInputFile(args, 3), &dim, "Real");
  float *hostOutput = (float *)malloc(sizeof(float) * dim);

  CSRToJDS(dim, hostCSRRows, hostCSRCols, hostCSRData, &hostJDSRowPerm, &hostJDSRows, &hostJDSColStart,
           &hostJDSCols, &hostJDSData);
  int maxRowNNZ = hostJDSRows[0];

  int *deviceJDSColStart, *deviceJDSCols, *deviceJDSRowPerm, *deviceJDSRows;
  float *deviceJDSData, *deviceVector, *deviceOutput;
  wbCheck(cudaMalloc((void **)&deviceJDSColStart, sizeof(int) * maxRowNNZ));
  wbCheck(cudaMalloc((void **)&deviceJDSCols, sizeof(int) * ndata));
  wbCheck(cudaMalloc((void **)&deviceJDSRowPerm, sizeof(int) * dim));
  wbCheck(cudaMalloc((void **)&deviceJDSRows, sizeof(int) * dim));
  wbCheck(cudaMalloc((void **)&deviceJDSData, sizeof(float) * ndata));
  wbCheck(cudaMalloc((void **)&deviceVector, sizeof(float) * dim));
  wbCheck(cudaMalloc((void **)&deviceOutput, sizeof(float) * dim));
  cudaMemcpy(deviceJDSColStart, hostJDSColStart, sizeof(int) * maxRowNNZ, cudaMemcpyHostToDevice);
  cudaMemcpy(deviceJDSCols, hostJDSCols, sizeof(int) * ndata, cudaMemcpyHostToDevice);
  cudaMemcpy(deviceJDSRowPerm, hostJDSRowPerm, sizeof(int) * dim, cudaMemcpyHostToDevice);
  cudaMemcpy(deviceJDSRows, hostJDSRows, sizeof(int) * dim, cudaMemcpyHostToDevice);
  cudaMemcpy(deviceJDSData, hostJDSData, sizeof(float) * ndata, cudaMemcpyHostToDevice);
  cudaMemcpy(deviceVector, hostVector, sizeof(float) * dim, cudaMemcpyHostToDevice);

  spmvJDSKernel<<<(dim + 255) / 256, 256>>>(deviceOutput, deviceJDSColStart, deviceJDSCols, deviceJDSRowPerm,
                                            deviceJDSRows, deviceJDSData, deviceVector, dim);
  wbCheck(cudaDeviceSynchronize());
  cudaMemcpy(hostOutput, deviceOutput, sizeof(float) * dim, cudaMemcpyDeviceToHost);

  wbSolution(args, hostOutput, dim);
  return 0;
}
