// What libwb records while the program runs, and the JSON report written from it.
#ifndef WB_SRC_REPORT_H
#define WB_SRC_REPORT_H

#include "wb.h"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace wb_internal {

using Clock = std::chrono::steady_clock;

// Bounds that keep a hostile or runaway program from making the report (which the worker reads
// and stores) large: at most ~4 MiB of log text, and counts of what was dropped instead.
constexpr std::size_t kMaxLogs = 1000;
constexpr std::size_t kMaxTimers = 1000;
constexpr std::size_t kMaxMessageBytes = 4096;

struct TimerRecord {
  wbTimerKind_t kind;
  std::string message;
  int parent; // index in State::timers, -1 for a top-level timer
  Clock::time_point start;
  double elapsedMs;
  bool stopped;
};

// A started timer waiting for its wbTime_stop; `record` is -1 when the record was dropped.
struct RunningTimer {
  wbTimerKind_t kind;
  std::string message;
  int record;
  Clock::time_point start;
};

struct LogRecord {
  wbLogLevel_t level;
  std::string message;
  std::string file;
  int line;
};

struct SolutionRecord {
  bool produced = false; // wbSolution wrote the output file or checked it against -e
  bool checked = false;  // local mode: compared with the expected output
  bool correct = false;  // meaningful only when checked
  std::string message;   // the verdict line, when checked
};

struct State {
  std::vector<TimerRecord> timers;
  std::vector<RunningTimer> running;
  std::vector<LogRecord> logs;
  std::size_t droppedTimers = 0;
  std::size_t droppedLogs = 0;
  SolutionRecord solution;
};

// The process-wide state, under a lock (programs may log from several threads). The first use
// also arranges for the report to be written at exit.
std::unique_lock<std::mutex> lockState();
State &state(const std::unique_lock<std::mutex> &lock);

// Writes the report to $WB_REPORT_FILE (overwriting it) when that is set. Called at exit and by
// wbSolution, so a program that crashes after producing its answer still leaves a report.
void writeReport();

// True when the platform collects a report; otherwise logs and timings are echoed to stderr
// for the student running the program by hand.
bool reportRequested();

// Makes sure the exit hook is installed even by calls that record nothing (wbArg_read).
void ensureReportAtExit();

const char *timerKindName(wbTimerKind_t kind);
const char *logLevelName(wbLogLevel_t level);

// Appends a log entry without echoing it; used for messages libwb itself produces.
void recordLog(wbLogLevel_t level, const std::string &message, const std::string &file, int line);

} // namespace wb_internal

#endif
