// expect: sandbox_violation
// Performance counters: side channels and a long list of kernel bugs.
#include <cstring>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

int main() {
  struct perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_CPU_CYCLES;
  syscall(__NR_perf_event_open, &attr, 0, -1, -1, 0);
  return 0;
}
