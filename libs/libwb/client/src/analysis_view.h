// What "Check memory" (compute-sanitizer) and "Profile" (Nsight Compute) found: a check
// attempt's `sanitizer` and a profile attempt's `profile` (docs/api.md), printed for the terminal.
// Every string in them came from the student's program or the tool, through a server wb does not
// trust: each is made safe (text.h), and a missing or odd member is shown as unknown ("-", "?").
#ifndef WB_CLIENT_ANALYSIS_VIEW_H
#define WB_CLIENT_ANALYSIS_VIEW_H

#include "json.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum {
  SANITIZER_CLEAN,      // the tools ran to their end (summaryCount 0) and found nothing
  SANITIZER_ERRORS,     // at least one error, listed or omitted
  SANITIZER_UNFINISHED, // no error listed, but no clean summary either: the tool's output tells why
} SanitizerVerdict;

typedef enum {
  PROFILE_MEASURED,           // at least one kernel launch
  PROFILE_NOTHING,            // no kernel was profiled: the output tells why
  PROFILE_COUNTERS_FORBIDDEN, // the GPU host keeps its performance counters from programs
} ProfileVerdict;

SanitizerVerdict sanitizer_verdict(const JsonValue *sanitizer);
// Each distinct error (kind, file:line and the other line of a race, kernel, first thread and
// block, the tool's message and details, how many times), those the server omitted, and a last
// line with the verdict. The first few errors only, unless `verbose`.
void sanitizer_print(FILE *out, const JsonValue *sanitizer, bool verbose);

ProfileVerdict profile_verdict(const JsonValue *profile);
// Per kernel launch a small table (duration, achieved occupancy, DRAM/memory/compute throughput
// in % of peak, registers per thread, shared memory per block) and its line of advice; when the
// host forbids the counters, that, plainly. Kernel names are cut at 100 columns unless `verbose`.
void profile_print(FILE *out, const JsonValue *profile, bool verbose);

#endif
