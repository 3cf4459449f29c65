// lab: vector-add-opencl
// expect: passed
// habits: no #include <CL/cl.h> (the original wb.h included it), cl_* types throughout, the
// deprecated clCreateCommandQueue of OpenCL 1.2, CL_DEVICE_TYPE_DEFAULT, an own error macro.
#include <wb.h>

#define wbCheckCL(stmt)                                                                            \
  do {                                                                                             \
    cl_int err = stmt;                                                                             \
    if (err != CL_SUCCESS) {                                                                       \
      wbLog(ERROR, "Failed to run stmt ", #stmt, " (", err, ")");                                  \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)

const char *vaddsrc = "__kernel void vadd(__global const float *a, __global const float *b, "
                      "__global float *result, int len) {\n"
                      "  int id = get_global_id(0);\n"
                      "  if (id < len) result[id] = a[id] + b[id];\n"
                      "}\n";

int main(int argc, char **argv) {
  wbArg_t args;
  int inputLength;
  float *hostInput1;
  float *hostInput2;
  float *hostOutput;
  cl_mem deviceInput1;
  cl_mem deviceInput2;
  cl_mem deviceOutput;

  args = wbArg_read(argc, argv);

  wbTime_start(Generic, "Importing data and creating memory on host");
  hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  hostInput2 = (float *)wbImport(wbArg_getInputFile(args, 1), &inputLength);
  hostOutput = (float *)malloc(inputLength * sizeof(float));
  wbTime_stop(Generic, "Importing data and creating memory on host");

  cl_int clerr = CL_SUCCESS;
  cl_platform_id cpPlatform;
  wbCheckCL(clGetPlatformIDs(1, &cpPlatform, NULL));
  cl_device_id cldev;
  wbCheckCL(clGetDeviceIDs(cpPlatform, CL_DEVICE_TYPE_DEFAULT, 1, &cldev, NULL));
  cl_context clctx = clCreateContext(0, 1, &cldev, NULL, NULL, &clerr);
  wbCheckCL(clerr);
  cl_command_queue clcmdq = clCreateCommandQueue(clctx, cldev, 0, &clerr);
  wbCheckCL(clerr);
  cl_program clpgm = clCreateProgramWithSource(clctx, 1, &vaddsrc, NULL, &clerr);
  wbCheckCL(clerr);
  wbCheckCL(clBuildProgram(clpgm, 0, NULL, NULL, NULL, NULL));
  cl_kernel clkern = clCreateKernel(clpgm, "vadd", &clerr);
  wbCheckCL(clerr);

  size_t size = inputLength * sizeof(float);
  deviceInput1 = clCreateBuffer(clctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, size, hostInput1, &clerr);
  deviceInput2 = clCreateBuffer(clctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, size, hostInput2, &clerr);
  deviceOutput = clCreateBuffer(clctx, CL_MEM_WRITE_ONLY, size, NULL, &clerr);
  wbCheckCL(clerr);

  wbCheckCL(clSetKernelArg(clkern, 0, sizeof(cl_mem), (void *)&deviceInput1));
  wbCheckCL(clSetKernelArg(clkern, 1, sizeof(cl_mem), (void *)&deviceInput2));
  wbCheckCL(clSetKernelArg(clkern, 2, sizeof(cl_mem), (void *)&deviceOutput));
  wbCheckCL(clSetKernelArg(clkern, 3, sizeof(int), &inputLength));

  size_t localSize = 64;
  size_t globalSize = ((inputLength - 1) / localSize + 1) * localSize;
  wbTime_start(Compute, "Performing OpenCL computation");
  cl_event event = NULL;
  wbCheckCL(clEnqueueNDRangeKernel(clcmdq, clkern, 1, NULL, &globalSize, &localSize, 0, NULL, &event));
  wbCheckCL(clWaitForEvents(1, &event));
  wbTime_stop(Compute, "Performing OpenCL computation");

  wbCheckCL(clEnqueueReadBuffer(clcmdq, deviceOutput, CL_TRUE, 0, size, hostOutput, 0, NULL, NULL));

  clReleaseMemObject(deviceInput1);
  clReleaseMemObject(deviceInput2);
  clReleaseMemObject(deviceOutput);

  wbSolution(args, hostOutput, inputLength);

  free(hostInput1);
  free(hostInput2);
  free(hostOutput);
  return 0;
}
