// An attempt on the server (after `wb submit` or `wb grade`): waiting for its verdict, and
// showing it — per-dataset results, compiler and program output, libwb's timers and logs.
#ifndef WB_CLIENT_ATTEMPT_VIEW_H
#define WB_CLIENT_ATTEMPT_VIEW_H

#include "api.h"
#include "local_lab.h"

#include <stdbool.h>

#define ATTEMPT_POLL_INTERVAL_MS 500
#define ATTEMPT_DEFAULT_WAIT_S 120.0

// An attempt id from the server goes into a URL path: only what ids are made of (UUIDs) passes.
bool attempt_id_valid(const char *id);
// queued, compiling, running: not finished yet. Every other status is final, those the client
// does not know included (cancelled: a staff member ended the attempt; its output says why).
bool attempt_pending(const char *status);
// internal_error, cancelled: final, but the platform did not judge the program, and the grader
// gives such an attempt no grade.
bool attempt_unjudged(const char *status);
// Polls GET /mp/:lab/attempt/:id until the attempt is finished (progress on stderr), at most
// `timeout_s`. On WB_EXIT_OK, *attempt is the finished attempt (caller frees).
int attempt_wait(Api *api, const char *lab, const char *attempt_id, double timeout_s, JsonValue **attempt);
// Prints the attempt on stdout. `local` (may be NULL) names the datasets; `verbose` shows all of
// the outputs, timers and logs instead of their first lines.
void attempt_print(const JsonValue *attempt, const LocalLab *local, bool verbose);
// attempt_print's first part: the attempt's line, each dataset's result, the compiler's output.
void attempt_print_heading(const JsonValue *attempt, const LocalLab *local, bool verbose);
// The attempt's `output` as a block titled `title`, its first lines unless `verbose`.
void attempt_print_output(const JsonValue *attempt, const char *title, bool verbose);
// Whether the server says it passed.
bool attempt_passed(const JsonValue *attempt);

#endif
