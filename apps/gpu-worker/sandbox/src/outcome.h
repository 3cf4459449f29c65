/* How the program ended, as the supervisor reports it to the worker. */
#ifndef WB_OUTCOME_H
#define WB_OUTCOME_H

#include <stdbool.h>

struct outcome {
  /* Exactly one of these is set: the exit status, or the signal that ended it. */
  int exit_code; /* -1 when killed by a signal */
  int signal;    /* 0 when it exited */
  /* It ended badly after the memory limit refused an allocation (memory-watch.h). */
  bool memory_limit;
  /* SIGXCPU, or SIGKILL at the hard CPU limit. */
  bool cpu_limit;
  /* Its folder, /tmp or /dev/shm was full when it ended (box-teardown.h). */
  bool write_limit;
  long max_rss_kb;
  long cpu_ms;
  /* Set when the launcher itself failed, so the program's fate says nothing (an internal error). */
  char error[256];
};

/*
 * Writes the outcome as one JSON line to fd (the worker's status pipe):
 * {"exitCode":0,"signal":null,"memoryLimitHit":false,"cpuLimitHit":false,"writeLimitHit":false,
 *  "maxRssKb":1,"cpuMs":2,"error":null}
 */
void write_outcome(int fd, const struct outcome *outcome);

/* The launcher's own exit status mirrors the program's: its code, or 128 + the signal. */
int outcome_exit_status(const struct outcome *outcome);

#endif
