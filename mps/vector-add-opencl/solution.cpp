#include <CL/cl.h> // the OpenCL API: cl_int, clCreateBuffer, ...
#include <wb.h>

#include <cstdlib>

// The kernel, in OpenCL C: compiled at run time for whatever device the platform offers.
static const char *kernelSource = R"CLC(
__kernel void vadd(__global const float *in1, __global const float *in2, __global float *out, int len) {
  int i = get_global_id(0);
  if (i < len) {
    out[i] = in1[i] + in2[i];
  }
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
  float *hostOutput = (float *)calloc(inputLength, sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");
  wbLog(TRACE, "The input length is ", inputLength);
  size_t bytes = (size_t)inputLength * sizeof(float);
  cl_int err;

  // The first platform's first device, a context on it and a queue to send it work.
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
  cl_program program = clCreateProgramWithSource(context, 1, &kernelSource, NULL, &err);
  clCheck(err);
  err = clBuildProgram(program, 1, &device, NULL, NULL, NULL);
  if (err != CL_SUCCESS) {
    char buildLog[4096];
    clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, sizeof(buildLog), buildLog, NULL);
    wbLog(ERROR, "The kernel did not compile: ", buildLog);
    return 1;
  }
  cl_kernel kernel = clCreateKernel(program, "vadd", &err);
  clCheck(err);
  wbTime_stop(Compute, "Compiling the kernel");

  wbTime_start(Copy, "Copying input memory to the device");
  cl_mem deviceInput1 = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, hostInput1, &err);
  clCheck(err);
  cl_mem deviceInput2 = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, hostInput2, &err);
  clCheck(err);
  cl_mem deviceOutput = clCreateBuffer(context, CL_MEM_WRITE_ONLY, bytes, NULL, &err);
  clCheck(err);
  wbTime_stop(Copy, "Copying input memory to the device");

  wbTime_start(Compute, "Performing the OpenCL computation");
  clCheck(clSetKernelArg(kernel, 0, sizeof(cl_mem), &deviceInput1));
  clCheck(clSetKernelArg(kernel, 1, sizeof(cl_mem), &deviceInput2));
  clCheck(clSetKernelArg(kernel, 2, sizeof(cl_mem), &deviceOutput));
  clCheck(clSetKernelArg(kernel, 3, sizeof(int), &inputLength));
  // The global size must be a multiple of the work-group size: round up, the kernel's bounds
  // check idles the extra work-items.
  size_t localSize = WORK_GROUP_SIZE;
  size_t globalSize = (inputLength + localSize - 1) / localSize * localSize;
  clCheck(clEnqueueNDRangeKernel(queue, kernel, 1, NULL, &globalSize, &localSize, 0, NULL, NULL));
  clCheck(clFinish(queue));
  wbTime_stop(Compute, "Performing the OpenCL computation");

  wbTime_start(Copy, "Copying output memory to the host");
  clCheck(clEnqueueReadBuffer(queue, deviceOutput, CL_TRUE, 0, bytes, hostOutput, 0, NULL, NULL));
  wbTime_stop(Copy, "Copying output memory to the host");

  clReleaseMemObject(deviceInput1);
  clReleaseMemObject(deviceInput2);
  clReleaseMemObject(deviceOutput);
  clReleaseKernel(kernel);
  clReleaseProgram(program);
  clReleaseCommandQueue(queue);
  clReleaseContext(context);

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
