// lab: vector-add-opencl
// expect: runtime_error
// output: clGetDeviceIDs found no device of type CL_DEVICE_TYPE_GPU: the devices here are CL_DEVICE_TYPE_CPU
// habit: asking for CL_DEVICE_TYPE_GPU, as the original course's GPU workers allowed; a CPU
// worker has none, and the program is told which device types it does have.
#include <wb.h>

int main(int argc, char **argv) {
  wbArg_t args = wbArg_read(argc, argv);
  int inputLength;
  float *hostInput1 = (float *)wbImport(wbArg_getInputFile(args, 0), &inputLength);
  cl_platform_id cpPlatform;
  cl_device_id device_id;
  cl_int err = clGetPlatformIDs(1, &cpPlatform, NULL);
  err = clGetDeviceIDs(cpPlatform, CL_DEVICE_TYPE_GPU, 1, &device_id, NULL);
  if (err != CL_SUCCESS) {
    wbLog(ERROR, "Failed to create a device group: ", err);
    return EXIT_FAILURE;
  }
  wbSolution(args, hostInput1, inputLength);
  return 0;
}
