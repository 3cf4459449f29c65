// lab: vector-add-streams
// expect: compiles
// habits: pinned host buffers from cudaMallocHost (the inputs copied into them with memcpy, so
// <string.h> by habit), an array of four cudaStream_t, segments issued breadth first as in the
// lecture (all copies in, then all kernels, then all copies out for each round of four
// streams), cudaMemcpyAsync, the kernel's fourth launch parameter, cudaStreamSynchronize on each
// stream, cudaFreeHost, and a Visual Studio pause behind #ifdef _WIN32.
#include <wb.h>
#include <string.h>

#define NUM_STREAMS 4
#define SegSize 1024
#define BLOCK_SIZE 256

__global__ void vecAdd(float *in1, float *in2, float *out, int len) {
  //@@ Insert code to implement vector addition here
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) out[i] = in1[i] + in2[i];
}

int main(int argc, char **argv) {
  wbArg_t args;
  int inputLength;
  float *hostInput1;
  float *hostInput2;
  float *hostOutput;
  float *pinnedInput1;
  float *pinnedInput2;
  float *pinnedOutput;
  float *deviceInput1;
  float *deviceInput2;
  float *deviceOutput;
  cudaStream_t stream[NUM_STREAMS];
  int i, s;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  hostInput2 = (float *)wbImport(wbArg_getInputFile(args, 1), &inputLength);
  hostOutput = (float *)malloc(inputLength * sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  int size = inputLength * sizeof(float);

  wbTime_start(Copy, "Pinning host memory");
  wbCheck(cudaMallocHost((void **)&pinnedInput1, size));
  wbCheck(cudaMallocHost((void **)&pinnedInput2, size));
  wbCheck(cudaMallocHost((void **)&pinnedOutput, size));
  memcpy(pinnedInput1, hostInput1, size);
  memcpy(pinnedInput2, hostInput2, size);
  wbTime_stop(Copy, "Pinning host memory");

  wbTime_start(GPU, "Allocating GPU memory.");
  wbCheck(cudaMalloc((void **)&deviceInput1, size));
  wbCheck(cudaMalloc((void **)&deviceInput2, size));
  wbCheck(cudaMalloc((void **)&deviceOutput, size));
  wbTime_stop(GPU, "Allocating GPU memory.");

  for (s = 0; s < NUM_STREAMS; s++)
    cudaStreamCreate(&stream[s]);

  wbTime_start(Compute, "Performing CUDA computation");
  for (i = 0; i < inputLength; i += SegSize * NUM_STREAMS) {
    for (s = 0; s < NUM_STREAMS; s++) {
      int start = i + s * SegSize;
      if (start < inputLength) {
        int len = inputLength - start < SegSize ? inputLength - start : SegSize;
        cudaMemcpyAsync(deviceInput1 + start, pinnedInput1 + start, len * sizeof(float), cudaMemcpyHostToDevice,
                        stream[s]);
        cudaMemcpyAsync(deviceInput2 + start, pinnedInput2 + start, len * sizeof(float), cudaMemcpyHostToDevice,
                        stream[s]);
      }
    }
    for (s = 0; s < NUM_STREAMS; s++) {
      int start = i + s * SegSize;
      if (start < inputLength) {
        int len = inputLength - start < SegSize ? inputLength - start : SegSize;
        vecAdd<<<(len - 1) / BLOCK_SIZE + 1, BLOCK_SIZE, 0, stream[s]>>>(deviceInput1 + start, deviceInput2 + start,
                                                                         deviceOutput + start, len);
      }
    }
    for (s = 0; s < NUM_STREAMS; s++) {
      int start = i + s * SegSize;
      if (start < inputLength) {
        int len = inputLength - start < SegSize ? inputLength - start : SegSize;
        cudaMemcpyAsync(pinnedOutput + start, deviceOutput + start, len * sizeof(float), cudaMemcpyDeviceToHost,
                        stream[s]);
      }
    }
  }
  for (s = 0; s < NUM_STREAMS; s++)
    cudaStreamSynchronize(stream[s]);
  wbTime_stop(Compute, "Performing CUDA computation");

  memcpy(hostOutput, pinnedOutput, size);

  for (s = 0; s < NUM_STREAMS; s++)
    cudaStreamDestroy(stream[s]);
  cudaFree(deviceInput1);
  cudaFree(deviceInput2);
  cudaFree(deviceOutput);
  cudaFreeHost(pinnedInput1);
  cudaFreeHost(pinnedInput2);
  cudaFreeHost(pinnedOutput);

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);

#ifdef _WIN32
  system("pause");
#endif
  return 0;
}
