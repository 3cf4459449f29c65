// Running a compiler or a student's program: in its own process group (so that everything it
// starts can be stopped together), with a wall-clock limit, stdout and stderr captured together
// up to a cap. Ctrl-C while it runs stops the whole group, not just wb.
#ifndef WB_CLIENT_PROCESS_H
#define WB_CLIENT_PROCESS_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  const char *const *argv;      // argv[0] is looked up in PATH; NULL-terminated
  const char *cwd;              // NULL: wb's own
  const char *const *env_extra; // "NAME=value" entries added to (or replacing in) wb's environment; may be NULL
  double timeout_s;
  size_t output_cap; // bytes of output kept; the rest is read and counted, not kept
} ProcessSpec;

typedef struct {
  bool timed_out;    // killed at the time limit
  int exit_code;     // when it exited by itself (signal == 0)
  int signal;        // the signal that ended it, 0 if none (SIGKILL after a timeout counts here)
  double elapsed_ms;
  Buf output;
  size_t dropped_bytes; // output past the cap
} ProcessResult;

// Runs it to the end. False when it could not be started at all (errno says why, ENOENT for a
// command not found); true otherwise, however it ended.
bool process_run(const ProcessSpec *spec, ProcessResult *result);
void process_result_free(ProcessResult *result);
// "exited with status 3", "killed by signal 11 (Segmentation fault)", "timed out after 10 s".
char *process_describe(const ProcessResult *result, double timeout_s);

#endif
