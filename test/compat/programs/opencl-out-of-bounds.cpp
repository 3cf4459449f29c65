// lab: vector-add-opencl
// expect: runtime_error
// message: an out-of-bounds write in a kernel corrupts the host program's memory
// habit: a kernel without its bounds check, launched on a global size rounded up, with an
// index off by far more than one. On PoCL the kernel runs in the program's own process, so the
// write lands in (or past) the host's heap.
#include <wb.h>

static const char *source = "__kernel void vadd(__global const float *a, __global const float *b,\n"
                            "                   __global float *out, int len) {\n"
                            "  int i = get_global_id(0);\n"
                            "  out[i * 4096 + 268435456] = a[i] + b[i];\n"
                            "}\n";

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int inputLength;
  float *hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  float *hostInput2 = (float *)wbImport(wbArg_getInputFile(args, 1), &inputLength);
  float *hostOutput = (float *)malloc(inputLength * sizeof(float));

  cl_int clerr = CL_SUCCESS;
  cl_platform_id cpPlatform;
  clerr = clGetPlatformIDs(1, &cpPlatform, NULL);
  cl_device_id device;
  clerr = clGetDeviceIDs(cpPlatform, CL_DEVICE_TYPE_DEFAULT, 1, &device, NULL);
  cl_context clctx = clCreateContext(0, 1, &device, NULL, NULL, &clerr);
  cl_command_queue clcmdq = clCreateCommandQueue(clctx, device, 0, &clerr);
  cl_program clpgm = clCreateProgramWithSource(clctx, 1, &source, NULL, &clerr);
  clerr = clBuildProgram(clpgm, 0, NULL, NULL, NULL, NULL);
  cl_kernel clkern = clCreateKernel(clpgm, "vadd", &clerr);

  int size = inputLength * sizeof(float);
  cl_mem deviceInput1 = clCreateBuffer(clctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, size, hostInput1, NULL);
  cl_mem deviceInput2 = clCreateBuffer(clctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, size, hostInput2, NULL);
  cl_mem deviceOutput = clCreateBuffer(clctx, CL_MEM_WRITE_ONLY, size, NULL, NULL);

  clerr = clSetKernelArg(clkern, 0, sizeof(cl_mem), (void *)&deviceInput1);
  clerr = clSetKernelArg(clkern, 1, sizeof(cl_mem), (void *)&deviceInput2);
  clerr = clSetKernelArg(clkern, 2, sizeof(cl_mem), (void *)&deviceOutput);
  clerr = clSetKernelArg(clkern, 3, sizeof(int), &inputLength);

  size_t localSize = 64;
  size_t globalSize = ((inputLength - 1) / localSize + 1) * localSize;
  clerr = clEnqueueNDRangeKernel(clcmdq, clkern, 1, NULL, &globalSize, &localSize, 0, NULL, NULL);
  clerr = clFinish(clcmdq);
  clEnqueueReadBuffer(clcmdq, deviceOutput, CL_TRUE, 0, size, hostOutput, 0, NULL, NULL);

  wbSolution(args, hostOutput, inputLength);
  return 0;
}
