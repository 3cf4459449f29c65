// wbTime_start / wbTime_stop.
#include "report.h"
#include "text.h"

#include <cstdio>

#ifdef WB_USE_CUDA
#include <cuda_runtime.h>
#endif

namespace {

// Kernel launches and async copies return before the device finishes; a CUDA build waits for
// the device at each timer edge so GPU timings measure the work, not the launch.
void waitForDevice() {
#ifdef WB_USE_CUDA
  cudaDeviceSynchronize();
#endif
}

// The innermost running timer that has a record, as the parent of a new one.
int innermostRecord(const wb_internal::State &s) {
  for (auto it = s.running.rbegin(); it != s.running.rend(); ++it)
    if (it->record >= 0) return it->record;
  return -1;
}

// The running timer a stop refers to: the innermost with the same kind and message, else (a
// message typo should not lose the timing) the innermost of the same kind; -1 when none.
int matchRunning(const wb_internal::State &s, wbTimerKind_t kind, const std::string &message) {
  for (std::size_t i = s.running.size(); i-- > 0;)
    if (s.running[i].kind == kind && s.running[i].message == message) return static_cast<int>(i);
  for (std::size_t i = s.running.size(); i-- > 0;)
    if (s.running[i].kind == kind) return static_cast<int>(i);
  return -1;
}

} // namespace

void wbTimer_start(wbTimerKind_t kind, const std::string &message, const char *, int) {
  waitForDevice();
  const auto now = wb_internal::Clock::now();
  auto lock = wb_internal::lockState();
  wb_internal::State &s = wb_internal::state(lock);
  int record = -1;
  if (s.timers.size() < wb_internal::kMaxTimers) {
    record = static_cast<int>(s.timers.size());
    s.timers.push_back({kind, wb_internal::clipUtf8(message, wb_internal::kMaxMessageBytes),
                        innermostRecord(s), now, 0.0, false});
  } else {
    ++s.droppedTimers;
  }
  s.running.push_back({kind, message, record, now});
}

void wbTimer_stop(wbTimerKind_t kind, const std::string &message, const char *file, int line) {
  waitForDevice();
  const auto now = wb_internal::Clock::now();
  double elapsedMs = 0;
  bool matched = false;
  {
    auto lock = wb_internal::lockState();
    wb_internal::State &s = wb_internal::state(lock);
    const int index = matchRunning(s, kind, message);
    if (index >= 0) {
      const wb_internal::RunningTimer running = s.running[static_cast<std::size_t>(index)];
      s.running.erase(s.running.begin() + index);
      elapsedMs = std::chrono::duration<double, std::milli>(now - running.start).count();
      if (running.record >= 0) {
        wb_internal::TimerRecord &record = s.timers[static_cast<std::size_t>(running.record)];
        record.elapsedMs = elapsedMs;
        record.stopped = true;
      }
      matched = true;
    }
  }
  const char *kindName = wb_internal::timerKindName(kind);
  if (!matched) {
    wbLogger_append(wbLogLevel_WARN,
                    std::string("wbTime_stop(") + kindName + ", \"" + message + "\") has no matching wbTime_start",
                    file, line);
    return;
  }
  if (!wb_internal::reportRequested()) {
    // Below a millisecond in microseconds, so that a short timer does not read "0.000 ms".
    const bool belowMs = elapsedMs < 1;
    std::fprintf(stderr, "[%s] %s: %.3f %s\n", kindName,
                 wb_internal::clipUtf8(message, wb_internal::kMaxMessageBytes).c_str(),
                 belowMs ? elapsedMs * 1000 : elapsedMs, belowMs ? "\u00b5s" : "ms");
  }
}
