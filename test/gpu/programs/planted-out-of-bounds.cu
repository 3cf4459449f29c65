// A planted memory error for the sanitizer check: the classic off-by-one bound (`<=`), so the
// thread with i == n writes one float past the end of c. The answer is still right (the extra
// write lands outside the result), which is why only the sanitizer finds it.
#include <wb.h>

__global__ void add(const float *a, const float *b, float *c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) c[i] = a[i % n] + b[i % n];
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n, m;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n);
  float *b = wbImport(wbArg_getInputFile(args, 1), &m);
  float *c = (float *)malloc(n * sizeof(float));
  float *da, *db, *dc;
  wbCheck(cudaMalloc(&da, n * sizeof(float)));
  wbCheck(cudaMalloc(&db, n * sizeof(float)));
  wbCheck(cudaMalloc(&dc, n * sizeof(float)));
  wbCheck(cudaMemcpy(da, a, n * sizeof(float), cudaMemcpyHostToDevice));
  wbCheck(cudaMemcpy(db, b, n * sizeof(float), cudaMemcpyHostToDevice));
  add<<<n / 256 + 1, 256>>>(da, db, dc, n);
  cudaDeviceSynchronize();
  cudaMemcpy(c, dc, n * sizeof(float), cudaMemcpyDeviceToHost);
  wbSolution(args, c, n);
  return 0;
}
