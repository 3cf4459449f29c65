// wb.h: the one header lab programs include.
//
// API-compatible with the original libwb used by WebGPU / ECE408 labs, so that existing lab code
// compiles unchanged: the same names, the same macros, the same calling conventions (including
// malloc'ed buffers from wbImport that the program frees itself).
//
// Channels: the program's stdout belongs to the program (plus wbSolution's one verdict line in
// local mode). What the platform needs (timers, logs, the solution's fate) goes to the JSON file
// named by the WB_REPORT_FILE environment variable; without it, logs and timings are echoed to
// stderr for a student running locally.
#ifndef WB_H
#define WB_H

#include <sstream>
#include <string>

// ---------------------------------------------------------------------------------------------
// Command line: -i in0,in1,... -o output -e expected -t type
// ---------------------------------------------------------------------------------------------

// A plain struct as in the original (char * fields, passed by value); strings are owned by libwb
// and live until wbArg_delete, which programs usually never call.
struct wbArg_t {
  int inputCount;
  char **inputFiles;
  char *outputFile;
  char *expectedOutput;
  char *type;
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
// Import / export. Kind by extension: .raw and .dat are the raw format (first line `rows` or
// `rows cols`, then whitespace-separated values). Buffers are malloc'ed; the caller free()s them.
// A file that cannot be read stops the program with a message naming the file and the problem.
// ---------------------------------------------------------------------------------------------

float *wbImport(const char *file, int *rows);
float *wbImport(const char *file, int *rows, int *cols);
// `type` is "Real" (float *) or "Integer" (int *); cast the result as the original API requires.
void *wbImport(const char *file, int *rows, const char *type);
void *wbImport(const char *file, int *rows, int *cols, const char *type);

void wbExport(const char *file, const float *data, int rows);
void wbExport(const char *file, const float *data, int rows, int cols);
void wbExport(const char *file, const int *data, int rows);
void wbExport(const char *file, const int *data, int rows, int cols);
void wbExport(const char *file, const unsigned int *data, int rows);
void wbExport(const char *file, const unsigned int *data, int rows, int cols);

// ---------------------------------------------------------------------------------------------
// The solution. Local mode (-e given): compares with the expected file and prints one line,
// "Solution is correct." or the first difference. Graded mode (-o, no -e): writes the output for
// the platform to compare. Floats match within 0.2 (absolute), integers exactly.
// ---------------------------------------------------------------------------------------------

void wbSolution(wbArg_t args, const float *data, int rows);
void wbSolution(wbArg_t args, const float *data, int rows, int cols);
void wbSolution(wbArg_t args, const int *data, int rows);
void wbSolution(wbArg_t args, const int *data, int rows, int cols);
void wbSolution(wbArg_t args, const unsigned int *data, int rows);
void wbSolution(wbArg_t args, const unsigned int *data, int rows, int cols);
// The original's untyped form: the element type follows -t ("integral_vector" and "histogram"
// are int, anything else float).
void wbSolution(wbArg_t args, const void *data, int rows);
void wbSolution(wbArg_t args, const void *data, int rows, int cols);
// Without these, a double * would silently convert to const void * and be read as floats.
void wbSolution(wbArg_t args, const double *data, int rows) = delete;
void wbSolution(wbArg_t args, const double *data, int rows, int cols) = delete;

// ---------------------------------------------------------------------------------------------
// Messages built from any number of printable arguments: wbString("n = ", n, " elements").
// ---------------------------------------------------------------------------------------------

template <typename... Args> std::string wbString(const Args &...args) {
  std::ostringstream out;
  (void)(out << ... << args);
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
// CUDA helpers, only where nvcc compiles the program.
// ---------------------------------------------------------------------------------------------

#if defined(__CUDACC__) && !defined(wbCheck)
// Stops the program at the first failing CUDA call, naming the call and CUDA's reason. (Lab
// templates that define their own wbCheck keep theirs.)
#define wbCheck(stmt)                                                                              \
  do {                                                                                             \
    cudaError_t wbCheck_err_ = (stmt);                                                             \
    if (wbCheck_err_ != cudaSuccess) {                                                             \
      wbLog(ERROR, "Failed to run stmt ", #stmt);                                                  \
      wbLog(ERROR, "Got CUDA error ...  ", cudaGetErrorString(wbCheck_err_));                      \
      return -1;                                                                                   \
    }                                                                                              \
  } while (0)
#endif

#endif // WB_H
