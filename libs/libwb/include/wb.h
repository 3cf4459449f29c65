// wb.h: the one header lab programs include.
//
// API-compatible with the original libwb used by WebGPU / ECE408 labs, so that existing lab code
// compiles unchanged: the same names, the same macros, the same calling conventions (including
// malloc'ed buffers from wbImport that the program frees itself). Written for C++11 and later,
// because lab flags (and nvcc's defaults) decide the language standard, not libwb.
//
// Channels: the program's stdout belongs to the program (plus wbSolution's one verdict line in
// local mode). What the platform needs (timers, logs, the solution's fate) goes to the JSON file
// named by the WB_REPORT_FILE environment variable; without it, logs and timings are echoed to
// stderr for a student running locally.
//
// Errors: a file that cannot be read or written, or a call libwb cannot honour, stops the program
// (exit status 1) with "libwb: <file>: <what is wrong>" on stderr and a FATAL entry in the report.
#ifndef WB_H
#define WB_H

// The original wb.h included these, and lab code relies on them (malloc, printf, assert, sqrt,
// memset, INT_MAX, std::cout) without including them itself.
#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iostream>
#include <sstream>
#include <string>

typedef bool wbBool;
#define wbTrue true
#define wbFalse false

// ---------------------------------------------------------------------------------------------
// Command line: -i in0,in1,... -o output -e expected -t type [--tolerance x]
// ---------------------------------------------------------------------------------------------

// A plain struct as in the original (char * fields, passed by value); strings are owned by libwb
// and live until wbArg_delete, which programs usually never call.
struct wbArg_t {
  int inputCount;
  char **inputFiles;
  char *outputFile;
  char *expectedOutput;
  char *type;
  // The lab's tolerance for local checks (--tolerance), or -1 for the default of the type.
  // Not in the original; appended so the original fields keep their places.
  double tolerance;
};

wbArg_t wbArg_read(int argc, char **argv);
void wbArg_delete(wbArg_t args);
// Stops the program with a clear message when `index` is not one of the -i files.
char *wbArg_getInputFile(wbArg_t args, int index);
int wbArg_getInputCount(wbArg_t args);
// NULL when the flag was not given.
char *wbArg_getOutputFile(wbArg_t args);
char *wbArg_getExpectedOutputFile(wbArg_t args);
char *wbArg_getType(wbArg_t args);

// ---------------------------------------------------------------------------------------------
// Images: channel values in [0, 1], interleaved: channel c of pixel (x, y) is
// data[(y * width + x) * channels + c]. The fields are public as in the original; use the
// accessors.
// ---------------------------------------------------------------------------------------------

struct st_wbImage_t {
  int width;
  int height;
  int channels;
  int pitch; // floats per row: width * channels (rows are never padded)
  float *data;
};
typedef st_wbImage_t *wbImage_t;

// All channels start at 0. Stops the program on a negative size or fewer than 1 channel.
wbImage_t wbImage_new(int width, int height, int channels);
// Three channels (RGB), as in the original.
wbImage_t wbImage_new(int width, int height);
void wbImage_delete(wbImage_t img); // NULL is ignored
int wbImage_getWidth(wbImage_t img);
int wbImage_getHeight(wbImage_t img);
int wbImage_getChannels(wbImage_t img);
int wbImage_getPitch(wbImage_t img);
float *wbImage_getData(wbImage_t img);

// ---------------------------------------------------------------------------------------------
// Import. The kind of file follows its extension (case-insensitive):
//   .raw .dat (and any other)  first line `rows` or `rows cols`, then the values
//   .csv .tsv                  no header, one row per line, every row as long as the first
//   .ppm .pgm .pnm             binary PPM: P6 (3 channels) or P5 (1 channel)
//   .txt                       text, returned as is
// Buffers are malloc'ed; the caller free()s them (wbImage_delete for images).
// ---------------------------------------------------------------------------------------------

// A vector: *rows is its length. A csv/tsv vector may be one line or one column; a matrix file
// read this way reports its rows, as in the original.
float *wbImport(const char *file, int *rows);
// A matrix, row-major; a raw vector file reads as rows x 1.
float *wbImport(const char *file, int *rows, int *cols);
// `type` is "Real" (float *, the default), "Integer" (int *) or "Text" (char *, NUL-terminated,
// *rows = its length in bytes, *cols = 1). A .txt file is always text. Cast the result, as
// with the original.
void *wbImport(const char *file, int *rows, const char *type);
void *wbImport(const char *file, int *rows, int *cols, const char *type);
// A PPM image.
wbImage_t wbImport(const char *file);
// A file holding one integer (a lab's switch).
int wbImport_flag(const char *file);

// ---------------------------------------------------------------------------------------------
// Export, in the format of the file's extension (as for wbImport). Reals are written in their
// shortest form that reads back as the same float. Images are written as 8-bit PPM (P6 for 3
// channels, P5 for 1): each channel clamped to [0, 1], times 255, rounded to nearest; NaN
// becomes 0. Text (char *) is written as is.
// ---------------------------------------------------------------------------------------------

void wbExport(const char *file, const float *data, int rows);
void wbExport(const char *file, const float *data, int rows, int cols);
void wbExport(const char *file, const int *data, int rows);
void wbExport(const char *file, const int *data, int rows, int cols);
void wbExport(const char *file, const unsigned int *data, int rows);
void wbExport(const char *file, const unsigned int *data, int rows, int cols);
void wbExport(const char *file, const unsigned char *data, int rows);
void wbExport(const char *file, const unsigned char *data, int rows, int cols);
void wbExport(const char *file, const char *text, int length);
void wbExport(const char *file, wbImage_t img);

// ---------------------------------------------------------------------------------------------
// The solution. Local mode (-e given): compares with the expected file and prints one line,
// "Solution is correct." or "Solution is NOT correct: <the first difference>". Graded mode (-o):
// writes the output file, in the format of its extension, for the platform to compare.
//
// The comparison is the platform's: sizes first, then element by element. Reals match within
// 0.2 (absolute), image channels within 2/255, unless --tolerance gives the lab's; integers and
// the "integral_vector" / "histogram" types exactly; NaN never matches. With -t, the type decides
// as it does for the platform ("vector" compares lengths only, "matrix" rows and columns).
//
// Returns true when the solution was checked and correct, or (graded mode) written.
// ---------------------------------------------------------------------------------------------

wbBool wbSolution(wbArg_t args, const float *data, int rows);
wbBool wbSolution(wbArg_t args, const float *data, int rows, int cols);
wbBool wbSolution(wbArg_t args, const int *data, int rows);
wbBool wbSolution(wbArg_t args, const int *data, int rows, int cols);
wbBool wbSolution(wbArg_t args, const unsigned int *data, int rows);
wbBool wbSolution(wbArg_t args, const unsigned int *data, int rows, int cols);
wbBool wbSolution(wbArg_t args, const unsigned char *data, int rows);
wbBool wbSolution(wbArg_t args, const unsigned char *data, int rows, int cols);
// Text output (-t text): compared line by line, ignoring CRLF and trailing whitespace.
wbBool wbSolution(wbArg_t args, const char *text, int length);
wbBool wbSolution(wbArg_t args, wbImage_t img);
// The original's untyped form: the element type follows -t ("integral_vector" and "histogram"
// are int, "text" is char, anything else float).
wbBool wbSolution(wbArg_t args, const void *data, int rows);
wbBool wbSolution(wbArg_t args, const void *data, int rows, int cols);
// Without these, a double * would silently convert to const void * and be read as floats.
wbBool wbSolution(wbArg_t args, const double *data, int rows) = delete;
wbBool wbSolution(wbArg_t args, const double *data, int rows, int cols) = delete;

// ---------------------------------------------------------------------------------------------
// Messages built from any number of printable arguments: wbString("n = ", n, " elements").
// ---------------------------------------------------------------------------------------------

template <typename... Args> std::string wbString(const Args &...args) {
  std::ostringstream out;
  // A pack expansion inside a braced list runs left to right (C++11; no fold expressions).
  const int inOrder[] = {0, ((void)(out << args), 0)...};
  (void)inOrder;
  return out.str();
}

// ---------------------------------------------------------------------------------------------
// Timers: wbTime_start(GPU, "Doing the computation") ... wbTime_stop(GPU, "Doing the computation").
// Macros (as in the original) so the kind is a bare word and the message any printable list.
// A timer started while another runs is recorded as its child.
// ---------------------------------------------------------------------------------------------

enum wbTimerKind_t {
  wbTimerKind_Generic,
  wbTimerKind_IO,
  wbTimerKind_GPU,
  wbTimerKind_Copy,
  wbTimerKind_Driver,
  wbTimerKind_CopyAsync,
  wbTimerKind_Compute,
  wbTimerKind_CPUGPUOverlap,
};

void wbTimer_start(wbTimerKind_t kind, const std::string &message, const char *file, int line);
void wbTimer_stop(wbTimerKind_t kind, const std::string &message, const char *file, int line);

#define wbTime_start(kind, ...) wbTimer_start(wbTimerKind_##kind, wbString(__VA_ARGS__), __FILE__, __LINE__)
#define wbTime_stop(kind, ...) wbTimer_stop(wbTimerKind_##kind, wbString(__VA_ARGS__), __FILE__, __LINE__)

// ---------------------------------------------------------------------------------------------
// Logging: wbLog(TRACE, "The input length is ", n, " elements").
// Levels OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE; every message is kept (OFF is a threshold
// in the original, not a level, so wbLog(OFF, ...) records nothing).
// ---------------------------------------------------------------------------------------------

enum wbLogLevel_t {
  wbLogLevel_OFF,
  wbLogLevel_FATAL,
  wbLogLevel_ERROR,
  wbLogLevel_WARN,
  wbLogLevel_INFO,
  wbLogLevel_DEBUG,
  wbLogLevel_TRACE,
};

void wbLogger_append(wbLogLevel_t level, const std::string &message, const char *file, int line);

#define wbLog(level, ...) wbLogger_append(wbLogLevel_##level, wbString(__VA_ARGS__), __FILE__, __LINE__)

// ---------------------------------------------------------------------------------------------
// CUDA: wbCheck(cudaMalloc(&p, bytes)). Only where nvcc compiles the program.
// ---------------------------------------------------------------------------------------------

// Logs the failed statement and CUDA's reason (FATAL, with the caller's file and line), then
// exits with status 1. Not CUDA-specific, so the plain library has it too.
[[noreturn]] void wbCheck_failed(const char *statement, const char *errorName, const char *errorString,
                                 const char *file, int line);

#if defined(__CUDACC__) && !defined(wbCheck)
// A function, not a macro: the original templates define their own wbCheck macro after
// including wb.h, and a macro here would make every such program warn "wbCheck redefined".
// Their macro simply hides this function. The caller's file and line come from the default
// arguments. Exits rather than `return -1` (what old templates did) so that it works in any
// function and the platform sees a failed run, not a silent wrong answer.
static inline void wbCheck(cudaError_t err, const char *file = __builtin_FILE(), int line = __builtin_LINE()) {
  if (err != cudaSuccess) wbCheck_failed("a CUDA call", cudaGetErrorName(err), cudaGetErrorString(err), file, line);
}
#endif

// CUDA 13 removed the cudaThread* calls (deprecated since CUDA 4), which programs of the
// original course call after every kernel launch. Same behaviour, with the compiler's nudge.
#if defined(__CUDACC__) && defined(CUDART_VERSION) && CUDART_VERSION >= 13000
__attribute__((deprecated("removed in CUDA 13: call cudaDeviceSynchronize()"))) static inline cudaError_t
cudaThreadSynchronize(void) {
  return cudaDeviceSynchronize();
}
__attribute__((deprecated("removed in CUDA 13: call cudaDeviceReset()"))) static inline cudaError_t cudaThreadExit(void) {
  return cudaDeviceReset();
}
#endif

// ---------------------------------------------------------------------------------------------
// OpenCL: the OpenCL toolchain compiles with -DWB_USE_OPENCL, and wb.h then includes <CL/cl.h>
// as the original did, so cl_mem and cl_int need no include of their own.
// ---------------------------------------------------------------------------------------------

#ifdef WB_USE_OPENCL
#include "wbOpenCL.h"
#endif

// The original's JDS conversion for the sparse matrix-vector lab.
#include "wbSparse.h"

#endif // WB_H
