#include "report.h"

#include "text.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wb_internal {

namespace {

void writeReportAtExit() { writeReport(); }

// Deliberately leaked: the exit hook runs after static destructors may have begun, so the state
// and its mutex must never be destroyed.
struct Globals {
  std::mutex mutex;
  State state;
};

Globals &globals() {
  static Globals *instance = [] {
    auto *created = new Globals();
    std::atexit(writeReportAtExit);
    return created;
  }();
  return *instance;
}

double millisecondsSince(Clock::time_point start, Clock::time_point now) {
  return std::chrono::duration<double, std::milli>(now - start).count();
}

// Milliseconds to the nanosecond (steady_clock's resolution): with fewer digits a timer around
// a short CPU loop (vector-add's Compute on 16 elements takes some tens of ns) reported 0.
std::string milliseconds(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  return buffer;
}

std::string renderReport(const State &s) {
  const Clock::time_point now = Clock::now();
  std::string json = "{\"version\":1,\"timers\":[";
  for (std::size_t i = 0; i < s.timers.size(); ++i) {
    const TimerRecord &t = s.timers[i];
    // A timer never stopped reports the time it has run so far, flagged by "stopped":false.
    const double elapsed = t.stopped ? t.elapsedMs : millisecondsSince(t.start, now);
    if (i > 0) json += ',';
    json += "{\"kind\":" + jsonString(timerKindName(t.kind));
    json += ",\"message\":" + jsonString(t.message);
    json += ",\"elapsedMs\":" + milliseconds(elapsed);
    json += ",\"parent\":" + (t.parent < 0 ? std::string("null") : std::to_string(t.parent));
    json += std::string(",\"stopped\":") + (t.stopped ? "true" : "false") + '}';
  }
  json += "],\"logs\":[";
  for (std::size_t i = 0; i < s.logs.size(); ++i) {
    const LogRecord &l = s.logs[i];
    if (i > 0) json += ',';
    json += "{\"level\":" + jsonString(logLevelName(l.level));
    json += ",\"message\":" + jsonString(l.message);
    json += ",\"file\":" + jsonString(l.file);
    json += ",\"line\":" + std::to_string(l.line) + '}';
  }
  const SolutionRecord &sol = s.solution;
  json += std::string("],\"solution\":{\"produced\":") + (sol.produced ? "true" : "false");
  json += std::string(",\"checked\":") + (sol.checked ? "true" : "false");
  json += std::string(",\"correct\":") + (sol.checked ? (sol.correct ? "true" : "false") : "null");
  json += ",\"message\":" + (sol.checked ? jsonString(sol.message) : std::string("null"));
  json += "},\"dropped\":{\"timers\":" + std::to_string(s.droppedTimers);
  json += ",\"logs\":" + std::to_string(s.droppedLogs) + "}}\n";
  return json;
}

} // namespace

std::unique_lock<std::mutex> lockState() { return std::unique_lock<std::mutex>(globals().mutex); }

State &state(const std::unique_lock<std::mutex> &) { return globals().state; }

void ensureReportAtExit() { globals(); }

bool reportRequested() {
  const char *path = std::getenv("WB_REPORT_FILE");
  return path != nullptr && *path != '\0';
}

void writeReport() {
  // Read at write time, not cached: the variable is the platform's, set before the program ran.
  const char *path = std::getenv("WB_REPORT_FILE");
  if (path == nullptr || *path == '\0') return;
  std::string json;
  {
    auto lock = lockState();
    json = renderReport(state(lock));
  }
  std::FILE *file = std::fopen(path, "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "libwb: cannot write the report to %s: %s\n", path, std::strerror(errno));
    return;
  }
  const bool written = std::fwrite(json.data(), 1, json.size(), file) == json.size();
  if (std::fclose(file) != 0 || !written)
    std::fprintf(stderr, "libwb: cannot write the report to %s: %s\n", path, std::strerror(errno));
}

void recordLog(wbLogLevel_t level, const std::string &message, const std::string &file, int line) {
  auto lock = lockState();
  State &s = state(lock);
  if (s.logs.size() >= kMaxLogs) {
    ++s.droppedLogs;
    return;
  }
  s.logs.push_back({level, clipUtf8(message, kMaxMessageBytes), clipUtf8(file, 256), line});
}

const char *timerKindName(wbTimerKind_t kind) {
  switch (kind) {
  case wbTimerKind_Generic: return "Generic";
  case wbTimerKind_IO: return "IO";
  case wbTimerKind_GPU: return "GPU";
  case wbTimerKind_Copy: return "Copy";
  case wbTimerKind_Driver: return "Driver";
  case wbTimerKind_CopyAsync: return "CopyAsync";
  case wbTimerKind_Compute: return "Compute";
  case wbTimerKind_CPUGPUOverlap: return "CPUGPUOverlap";
  }
  return "Generic";
}

const char *logLevelName(wbLogLevel_t level) {
  switch (level) {
  case wbLogLevel_OFF: return "OFF";
  case wbLogLevel_FATAL: return "FATAL";
  case wbLogLevel_ERROR: return "ERROR";
  case wbLogLevel_WARN: return "WARN";
  case wbLogLevel_INFO: return "INFO";
  case wbLogLevel_DEBUG: return "DEBUG";
  case wbLogLevel_TRACE: return "TRACE";
  }
  return "INFO";
}

} // namespace wb_internal
