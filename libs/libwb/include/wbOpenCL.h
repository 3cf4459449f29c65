// wbOpenCL.h: OpenCL for lab programs, included by wb.h when the OpenCL toolchain compiles with
// -DWB_USE_OPENCL, as the original wb.h included <CL/cl.h> for its OpenCL lab.
//
// Workers run OpenCL on a CPU device (PoCL). Programs of the original course asked for
// CL_DEVICE_TYPE_GPU and got CL_DEVICE_NOT_FOUND with no word of why; here that answer comes
// with an ERROR log naming the device types that do exist, and is otherwise unchanged (a
// program that falls back to another type still can).
#ifndef WB_OPENCL_H
#define WB_OPENCL_H

// OpenCL 1.2, the version of the original labs, which PoCL and every GPU vendor support; a lab
// may choose another with -DCL_TARGET_OPENCL_VERSION.
#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#include <CL/cl.h>

#include <string>

namespace wb_opencl {

inline std::string deviceTypeNames(cl_device_type type) {
  std::string names;
  const struct {
    cl_device_type bit;
    const char *name;
  } known[] = {{CL_DEVICE_TYPE_CPU, "CL_DEVICE_TYPE_CPU"},
               {CL_DEVICE_TYPE_GPU, "CL_DEVICE_TYPE_GPU"},
               {CL_DEVICE_TYPE_ACCELERATOR, "CL_DEVICE_TYPE_ACCELERATOR"},
               {CL_DEVICE_TYPE_CUSTOM, "CL_DEVICE_TYPE_CUSTOM"}};
  for (const auto &k : known) {
    if ((type & k.bit) != 0) names += (names.empty() ? "" : " | ") + std::string(k.name);
  }
  return names.empty() ? "no known type" : names;
}

// The types of every device on every platform, for the message.
inline std::string availableDeviceTypes() {
  cl_uint platformCount = 0;
  if (clGetPlatformIDs(0, nullptr, &platformCount) != CL_SUCCESS || platformCount == 0) return "no OpenCL platform";
  cl_platform_id platforms[16];
  if (platformCount > 16) platformCount = 16;
  clGetPlatformIDs(platformCount, platforms, nullptr);
  cl_device_type all = 0;
  for (cl_uint p = 0; p < platformCount; ++p) {
    cl_device_id devices[16];
    cl_uint deviceCount = 0;
    if (clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 16, devices, &deviceCount) != CL_SUCCESS) continue;
    for (cl_uint d = 0; d < deviceCount && d < 16; ++d) {
      cl_device_type type = 0;
      if (clGetDeviceInfo(devices[d], CL_DEVICE_TYPE, sizeof(type), &type, nullptr) == CL_SUCCESS) all |= type;
    }
  }
  return all == 0 ? "no OpenCL device" : deviceTypeNames(all);
}

inline void logDeviceNotFound(cl_device_type asked, const char *call, const char *file, int line) {
  const std::string message =
      wbString(call, " found no device of type ", deviceTypeNames(asked), ": the devices here are ",
               availableDeviceTypes(), ". Ask for CL_DEVICE_TYPE_DEFAULT or CL_DEVICE_TYPE_ALL, which work on every worker");
  wbLogger_append(wbLogLevel_ERROR, message, file, line);
  // Graded runs keep logs in the report, written at exit: on stderr too, where the run's output
  // shows it even when the program crashes next. (Locally the log is echoed there already.)
  if (std::getenv("WB_REPORT_FILE") != nullptr) std::fprintf(stderr, "libwb: %s\n", message.c_str());
}

inline cl_int getDeviceIDs(cl_platform_id platform, cl_device_type type, cl_uint entries, cl_device_id *devices,
                           cl_uint *count, const char *file, int line) {
  const cl_int err = clGetDeviceIDs(platform, type, entries, devices, count);
  if (err == CL_DEVICE_NOT_FOUND) logDeviceNotFound(type, "clGetDeviceIDs", file, line);
  return err;
}

inline cl_context createContextFromType(const cl_context_properties *properties, cl_device_type type,
                                        void(CL_CALLBACK *notify)(const char *, const void *, size_t, void *),
                                        void *userData, cl_int *errcodeRet, const char *file, int line) {
  cl_int err = CL_SUCCESS;
  cl_context context = clCreateContextFromType(properties, type, notify, userData, &err);
  if (err == CL_DEVICE_NOT_FOUND) logDeviceNotFound(type, "clCreateContextFromType", file, line);
  if (errcodeRet != nullptr) *errcodeRet = err;
  return context;
}

} // namespace wb_opencl

// After the definitions above, which call the real functions.
#define clGetDeviceIDs(platform, type, entries, devices, count)                                                       \
  wb_opencl::getDeviceIDs(platform, type, entries, devices, count, __FILE__, __LINE__)
#define clCreateContextFromType(properties, type, notify, userData, errcodeRet)                                       \
  wb_opencl::createContextFromType(properties, type, notify, userData, errcodeRet, __FILE__, __LINE__)

#endif // WB_OPENCL_H
