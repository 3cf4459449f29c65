// What wbCheck (wb.h) does when a CUDA call fails.
#include "wb.h"

#include "report.h"
#include "text.h"

#include <cstdio>
#include <cstdlib>
#include <string>

void wbCheck_failed(const char *statement, const char *errorName, const char *errorString, const char *file, int line) {
  const std::string message = std::string(statement) + " failed: " +
                              (errorString != nullptr ? errorString : "unknown error") + " (" +
                              (errorName != nullptr ? errorName : "?") + ")";
  // With the program's file and line (the call site), unlike libwb's own fatal errors.
  const std::string where = wb_internal::baseName(file);
  wb_internal::recordLog(wbLogLevel_FATAL, message, where, line);
  std::fprintf(stderr, "libwb: %s:%d: %s\n", where.c_str(), line, message.c_str());
  std::fflush(stdout);
  // exit, not abort: the exit-time report is written, and the worker sees a failed run.
  std::exit(EXIT_FAILURE);
}
