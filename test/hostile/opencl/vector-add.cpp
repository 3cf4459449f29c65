// expect: passed
// Vector addition with OpenCL on PoCL (the CPU implementation): the kernel is compiled by LLVM
// at run time and linked by PoCL running /usr/bin/ld, all inside the opencl profile.
#include <wb.h>

#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <vector>

static const char *KERNEL = "__kernel void add(__global const float *a, __global const float *b, __global float *c, int n) {\n"
                            "  int i = get_global_id(0);\n"
                            "  if (i < n) c[i] = a[i] + b[i];\n"
                            "}\n";

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int n, m;
  float *a = wbImport(wbArg_getInputFile(args, 0), &n);
  float *b = wbImport(wbArg_getInputFile(args, 1), &m);
  std::vector<float> c(n);
  cl_platform_id platform;
  cl_device_id device;
  cl_int err = clGetPlatformIDs(1, &platform, nullptr);
  err |= clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, nullptr);
  cl_context context = clCreateContext(nullptr, 1, &device, nullptr, nullptr, &err);
  cl_command_queue queue = clCreateCommandQueue(context, device, 0, &err);
  size_t bytes = n * sizeof(float);
  cl_mem da = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, a, &err);
  cl_mem db = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, b, &err);
  cl_mem dc = clCreateBuffer(context, CL_MEM_WRITE_ONLY, bytes, nullptr, &err);
  cl_program program = clCreateProgramWithSource(context, 1, &KERNEL, nullptr, &err);
  if (clBuildProgram(program, 1, &device, nullptr, nullptr, nullptr) != CL_SUCCESS) {
    wbLog(ERROR, "the kernel did not build");
    return 1;
  }
  cl_kernel kernel = clCreateKernel(program, "add", &err);
  clSetKernelArg(kernel, 0, sizeof da, &da);
  clSetKernelArg(kernel, 1, sizeof db, &db);
  clSetKernelArg(kernel, 2, sizeof dc, &dc);
  clSetKernelArg(kernel, 3, sizeof n, &n);
  size_t global = ((n + 63) / 64) * 64, local = 64;
  err = clEnqueueNDRangeKernel(queue, kernel, 1, nullptr, &global, &local, 0, nullptr, nullptr);
  err |= clEnqueueReadBuffer(queue, dc, CL_TRUE, 0, bytes, c.data(), 0, nullptr, nullptr);
  if (err != CL_SUCCESS) {
    wbLog(ERROR, "OpenCL error ", err);
    return 1;
  }
  wbSolution(args, c.data(), n);
  return 0;
}
