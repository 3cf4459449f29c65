#include <wb.h>

#define BLOCK_SIZE 256
#define NUM_STREAMS 4
// Elements per segment: each segment is copied in, added and copied out on one stream, so that
// one segment's copies overlap another segment's kernel.
#define SEGMENT_SIZE (64 * 1024)

__global__ void vecAdd(const float *in1, const float *in2, float *out, int len) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < len) {
    out[i] = in1[i] + in2[i];
  }
}

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int inputLength;
  int secondLength;

  wbTime_start(Generic, "Importing data and creating memory on host");
  float *hostInput1 = wbImport(wbArg_getInputFile(args, 0), &inputLength);
  float *hostInput2 = wbImport(wbArg_getInputFile(args, 1), &secondLength);
  if (secondLength != inputLength) {
    wbLog(ERROR, "The inputs differ in length: ", inputLength, " and ", secondLength);
    return 1;
  }
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);

  // Asynchronous copies overlap with kernels only from page-locked ("pinned") host memory. Where
  // the system refuses to pin, the copies are still correct, only not overlapped: go on.
  wbTime_start(Copy, "Page-locking the host buffers");
  float *hostBuffers[3] = {hostInput1, hostInput2, hostOutput};
  bool pinned[3];
  for (int b = 0; b < 3; ++b) {
    pinned[b] = cudaHostRegister(hostBuffers[b], bytes, cudaHostRegisterDefault) == cudaSuccess;
    if (!pinned[b]) {
      wbLog(WARN, "Could not page-lock host buffer ", b, ": ", cudaGetErrorString(cudaGetLastError()));
    }
  }
  wbTime_stop(Copy, "Page-locking the host buffers");

  float *deviceInput1;
  float *deviceInput2;
  float *deviceOutput;
  wbTime_start(GPU, "Allocating GPU memory");
  wbCheck(cudaMalloc((void **)&deviceInput1, bytes));
  wbCheck(cudaMalloc((void **)&deviceInput2, bytes));
  wbCheck(cudaMalloc((void **)&deviceOutput, bytes));
  wbTime_stop(GPU, "Allocating GPU memory");

  cudaStream_t streams[NUM_STREAMS];
  for (int s = 0; s < NUM_STREAMS; ++s) {
    wbCheck(cudaStreamCreate(&streams[s]));
  }

  wbTime_start(Compute, "Copying and adding the segments on ", NUM_STREAMS, " streams");
  int segment = 0;
  for (int start = 0; start < inputLength; start += SEGMENT_SIZE, ++segment) {
    int length = inputLength - start < SEGMENT_SIZE ? inputLength - start : SEGMENT_SIZE;
    size_t segmentBytes = (size_t)length * sizeof(float);
    cudaStream_t stream = streams[segment % NUM_STREAMS];
    wbCheck(cudaMemcpyAsync(deviceInput1 + start, hostInput1 + start, segmentBytes, cudaMemcpyHostToDevice, stream));
    wbCheck(cudaMemcpyAsync(deviceInput2 + start, hostInput2 + start, segmentBytes, cudaMemcpyHostToDevice, stream));
    vecAdd<<<(length + BLOCK_SIZE - 1) / BLOCK_SIZE, BLOCK_SIZE, 0, stream>>>(deviceInput1 + start, deviceInput2 + start,
                                                                          deviceOutput + start, length);
    wbCheck(cudaGetLastError());
    wbCheck(cudaMemcpyAsync(hostOutput + start, deviceOutput + start, segmentBytes, cudaMemcpyDeviceToHost, stream));
  }
  wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Copying and adding the segments on ", NUM_STREAMS, " streams");

  for (int s = 0; s < NUM_STREAMS; ++s) {
    wbCheck(cudaStreamDestroy(streams[s]));
  }
  wbTime_start(GPU, "Freeing GPU memory");
  wbCheck(cudaFree(deviceInput1));
  wbCheck(cudaFree(deviceInput2));
  wbCheck(cudaFree(deviceOutput));
  for (int b = 0; b < 3; ++b) {
    if (pinned[b]) {
      wbCheck(cudaHostUnregister(hostBuffers[b]));
    }
  }
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
