#include <CL/cl.h> // the OpenCL API: cl_int, clCreateBuffer, ...
#include <wb.h>

#include <cstdlib>

// The kernel, in OpenCL C: compiled at run time for whatever device the platform offers.
static const char *kernelSource = R"CLC(
__kernel void vadd(__global const float *in1, __global const float *in2, __global float *out, int len) {
  //@@ out[i] = in1[i] + in2[i] for this work-item's index i = get_global_id(0), when i < len
}
)CLC";

#define WORK_GROUP_SIZE 64

// Stops main with OpenCL's error code when a call fails (wbCheck is for CUDA).
#define clCheck(stmt)                                                                                                  \
  do {                                                                                                                 \
    cl_int clCheck_err_ = (stmt);                                                                                      \
    if (clCheck_err_ != CL_SUCCESS) {                                                                                  \
      wbLog(ERROR, "Failed to run stmt ", #stmt, ": OpenCL error ", clCheck_err_);                                     \
      return -1;                                                                                                       \
    }                                                                                                                  \
  } while (0)

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
  // calloc: until the result is read back, the output is all zeros.
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");
  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);
  cl_int err;

  // Given: the first platform's first device, a context on it and a queue to send it work.
  wbTime_start(Generic, "Setting up OpenCL");
  cl_platform_id platform;
  cl_device_id device;
  clCheck(clGetPlatformIDs(1, &platform, NULL));
  clCheck(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL));
  char deviceName[256];
  clCheck(clGetDeviceInfo(device, CL_DEVICE_NAME, sizeof(deviceName), deviceName, NULL));
  wbLog(TRACE, "Running on ", deviceName);
  cl_context context = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
  clCheck(err);
  cl_command_queue queue = clCreateCommandQueue(context, device, 0, &err);
  clCheck(err);
  wbTime_stop(Generic, "Setting up OpenCL");

  wbTime_start(Compute, "Compiling the kernel");
  //@@ Create the program from kernelSource (clCreateProgramWithSource), build it for the
  //@@ device (clBuildProgram; on failure, log CL_PROGRAM_BUILD_LOG from clGetProgramBuildInfo)
  //@@ and create the kernel "vadd" (clCreateKernel)
  wbTime_stop(Compute, "Compiling the kernel");

  wbTime_start(Copy, "Copying input memory to the device");
  //@@ Create the three buffers (clCreateBuffer): the inputs CL_MEM_READ_ONLY |
  //@@ CL_MEM_COPY_HOST_PTR from hostInput1 and hostInput2, the output CL_MEM_WRITE_ONLY
  wbTime_stop(Copy, "Copying input memory to the device");

  wbTime_start(Compute, "Performing the OpenCL computation");
  //@@ Set the kernel's four arguments (clSetKernelArg), enqueue it (clEnqueueNDRangeKernel)
  //@@ with a work-group size of WORK_GROUP_SIZE and a global size rounded up to a multiple
  //@@ of it, and wait for it: clCheck(clFinish(queue));
  wbTime_stop(Compute, "Performing the OpenCL computation");

  wbTime_start(Copy, "Copying output memory to the host");
  //@@ Read the output buffer back into hostOutput (clEnqueueReadBuffer, blocking)
  wbTime_stop(Copy, "Copying output memory to the host");

  //@@ Release the buffers, the kernel and the program
  clReleaseCommandQueue(queue);
  clReleaseContext(context);

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
