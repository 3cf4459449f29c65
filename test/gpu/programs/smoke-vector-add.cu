// The GPU check's own program, so that it proves something even before any CUDA lab exists:
// libwb, device memory, a kernel, copies back, and the answer checked by libwb (-e).
#include <wb.h>

__global__ void add(const float *a, const float *b, float *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n, m;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n);
  float *b = wbImport(wbArg_getInputFile(args, 1), &m);
  float *c = (float *)malloc(n * sizeof(float));
  float *da, *db, *dc;
  wbTime_start(GPU, "allocating and copying");
  wbCheck(cudaMalloc(&da, n * sizeof(float)));
  wbCheck(cudaMalloc(&db, n * sizeof(float)));
  wbCheck(cudaMalloc(&dc, n * sizeof(float)));
  wbCheck(cudaMemcpy(da, a, n * sizeof(float), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(db, b, n * sizeof(float), cudaMemcpyHostToDevice));
  wbTime_stop(GPU, "allocating and copying");
  add<<<(n + 255) / 256, 256>>>(da, db, dc, n);
  wbCheck(cudaGetLastError());
  wbCheck(cudaMemcpy(c, dc, n * sizeof(float), cudaMemcpyDeviceToHost));
  // Pinned host memory goes through other driver calls (and mlock-like pinning).
  float *pinned;
  wbCheck(cudaMallocHost(&pinned, n * sizeof(float)));
  wbCheck(cudaFreeHost(pinned));
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  wbSolution(args, c, n);
  return 0;
}
