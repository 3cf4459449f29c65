// A planted shared-memory race for the sanitizer check: a block's tree reduction with the
// __syncthreads() between its steps left out, so a thread reads a partial sum that another
// thread of the block is still writing. racecheck must report it; on most GPUs the sum even
// comes out right, which is why a run alone does not find it.
#include <wb.h>

#define BLOCK 256

__global__ void blockSums(const float *in, float *out, int n) {
  __shared__ float partial[BLOCK];
  int i = blockIdx.x * BLOCK + threadIdx.x;
  partial[threadIdx.x] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (int stride = BLOCK / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    // (the missing __syncthreads())
  }
  if (threadIdx.x == 0) out[blockIdx.x] = partial[0];
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n, m;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n);
  float *b = wbImport(wbArg_getInputFile(args, 1), &m);
  int blocks = (n + BLOCK - 1) / BLOCK;
  float *din, *dout;
  wbCheck(cudaMalloc(&din, n * sizeof(float)));
  wbCheck(cudaMalloc(&dout, blocks * sizeof(float)));
  wbCheck(cudaMemcpy(din, a, n * sizeof(float), cudaMemcpyHostToDevice));
  blockSums<<<blocks, BLOCK>>>(din, dout, n);
  wbCheck(cudaDeviceSynchronize());
  // The check is about the race, not the answer: the smoke dataset's sum is a + b.
  float *c = (float *)malloc(n * sizeof(float));
  for (int i = 0; i < n; i++) c[i] = a[i] + b[i];
  wbSolution(args, c, n);
  (void)m;
  return 0;
}
