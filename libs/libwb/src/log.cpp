// wbLog and libwb's own fatal errors.
#include "errors.h"
#include "report.h"
#include "text.h"

#include <cstdio>
#include <cstdlib>

void wbLogger_append(wbLogLevel_t level, const std::string &message, const char *file, int line) {
  // OFF is a threshold in the original, not a level a message can have.
  if (level == wbLogLevel_OFF) return;
  const std::string where = wb_internal::baseName(file);
  wb_internal::recordLog(level, message, where, line);
  if (!wb_internal::reportRequested()) {
    std::fprintf(stderr, "[%s] %s:%d %s\n", wb_internal::logLevelName(level), where.c_str(), line,
                 wb_internal::clipUtf8(message, wb_internal::kMaxMessageBytes).c_str());
  }
}

namespace wb_internal {

void fatal(const std::string &message) {
  // Named "libwb" with no line: the failing call is in the program, but libwb's functions are
  // not macros and cannot know where.
  recordLog(wbLogLevel_FATAL, message, "libwb", 0);
  std::fprintf(stderr, "libwb: %s\n", message.c_str());
  std::fflush(stdout);
  std::exit(EXIT_FAILURE);
}

void fatalFile(const std::string &path, const std::string &problem) { fatal(path + ": " + problem); }

} // namespace wb_internal
