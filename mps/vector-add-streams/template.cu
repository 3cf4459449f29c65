#include <wb.h>

#define BLOCK_SIZE 256
#define NUM_STREAMS 4
// Elements per segment: each segment is copied in, added and copied out on one stream, so that
// one segment's copies overlap another segment's kernel.
#define SEGMENT_SIZE (64 * 1024)

__global__ void vecAdd(const float *in1, const float *in2, float *out, int len) {
  //@@ The vector addition kernel: out[i] = in1[i] + in2[i] for every i < len
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
  // calloc: until the result is copied back, the output is all zeros.
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);

  wbTime_start(Copy, "Page-locking the host buffers");
  //@@ Page-lock hostInput1, hostInput2 and hostOutput with
  //@@   cudaHostRegister(pointer, bytes, cudaHostRegisterDefault)
  //@@ (asynchronous copies overlap with kernels only from page-locked memory)
  wbTime_stop(Copy, "Page-locking the host buffers");

  float *deviceInput1;
  float *deviceInput2;
  float *deviceOutput;
  wbTime_start(GPU, "Allocating GPU memory");
  //@@ Allocate the three device vectors
  wbTime_stop(GPU, "Allocating GPU memory");

  cudaStream_t streams[NUM_STREAMS];
  //@@ Create the NUM_STREAMS streams with cudaStreamCreate

  wbTime_start(Compute, "Copying and adding the segments on ", NUM_STREAMS, " streams");
  //@@ For each segment of SEGMENT_SIZE elements (the last one may be shorter), on stream
  //@@ number (segment % NUM_STREAMS):
  //@@   - cudaMemcpyAsync both input segments to the device,
  //@@   - launch vecAdd on that segment: kernel<<<blocks, threads, 0, stream>>>(...),
  //@@   - cudaMemcpyAsync the output segment back to hostOutput.
  //@@ Then wait for all of them: wbCheck(cudaDeviceSynchronize());
  wbTime_stop(Compute, "Copying and adding the segments on ", NUM_STREAMS, " streams");

  //@@ Destroy the streams
  wbTime_start(GPU, "Freeing GPU memory");
  //@@ Free the device vectors and unregister the host buffers (cudaHostUnregister)
  wbTime_stop(GPU, "Freeing GPU memory");

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
