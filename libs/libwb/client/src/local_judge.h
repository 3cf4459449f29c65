// Running a compiled program on one local dataset in libwb's local mode, and judging the run the
// way the workers do: time limit, crash, exit status, then libwb's own check of the solution.
#ifndef WB_CLIENT_LOCAL_JUDGE_H
#define WB_CLIENT_LOCAL_JUDGE_H

#include "json.h"
#include "local_datasets.h"

#include <stdbool.h>

typedef struct {
  const char *status; // passed, failed, timeout, runtime_error (the server's names)
  char *message;
  double time_ms;
  char *output;       // the program's stdout and stderr, as printed (it may hold NUL)
  size_t output_length;
  JsonValue *report;  // libwb's report (timers, logs, solution), or NULL
} LocalVerdict;

// Runs `binary` with cwd `lab_dir`; its output file and libwb report go to `scratch_dir`.
// False only when the program could not be started at all (explained).
bool local_judge(const char *binary, const char *lab_dir, const char *output_type, const LocalDataset *dataset,
                 const char *scratch_dir, double timeout_s, LocalVerdict *verdict);
void local_verdict_free(LocalVerdict *verdict);

#endif
