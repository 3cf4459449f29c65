// What `wb check` and `wb profile` share: the local program sent to POST /mp/LAB/check or
// /profile (which also saves it), the attempt waited for like a submission's, its heading shown,
// and then the command's own report — or why there is none (the program did not compile or run).
#ifndef WB_CLIENT_ANALYSIS_COMMAND_H
#define WB_CLIENT_ANALYSIS_COMMAND_H

#include "json.h"

#include <stdbool.h>

typedef struct {
  const char *command; // "wb check", for messages
  const char *route;   // "check": POST /mp/LAB/check
  const char *what;    // "a memory check", for progress and refusals
  const char *tool;    // "compute-sanitizer"
  // Prints the report of a finished attempt whose program ran under the tool; returns the exit code.
  int (*show)(const JsonValue *attempt, bool verbose);
} AnalysisCommand;

// Runs the command on its arguments (LAB [--dataset N] [--wait SECONDS] [--verbose]); returns the
// exit code.
int analysis_command_run(const AnalysisCommand *command, int argc, char **argv);

#endif
