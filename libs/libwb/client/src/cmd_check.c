// wb check: runs the local program under compute-sanitizer on the server's GPU ("Check memory")
// and lists the memory errors, races and barrier errors it found, each with its line.
#include "analysis_command.h"
#include "analysis_view.h"
#include "attempt_view.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"

#include <stdio.h>

static int show_check(const JsonValue *attempt, bool verbose) {
  const JsonValue *sanitizer = json_get(attempt, "sanitizer");
  if (!json_is(sanitizer, JSON_OBJECT)) {
    diag_error("the server's check attempt has no report (sanitizer); is the server older than this wb?");
    return WB_EXIT_SERVER;
  }
  SanitizerVerdict verdict = sanitizer_verdict(sanitizer);
  // The report is read from the tool's output; where it could not be, that output is all there is.
  if (verbose || verdict == SANITIZER_UNFINISHED) attempt_print_output(attempt, "compute-sanitizer's output", verbose);
  sanitizer_print(stdout, sanitizer, verbose);
  return verdict == SANITIZER_CLEAN ? WB_EXIT_OK : WB_EXIT_FAILED;
}

static const AnalysisCommand CHECK = {"wb check", "check", "a memory check", "compute-sanitizer", show_check};

static int check(int argc, char **argv) { return analysis_command_run(&CHECK, argc, argv); }

const Command COMMAND_CHECK = {
    "check",
    "check your program for memory errors on the server's GPU (CUDA labs)",
    "usage: wb check LAB [--dataset N] [--wait SECONDS] [--verbose]\n"
    "\n"
    "Sends ./LAB/program.cu to the server (which also saves it) and runs it on one public dataset\n"
    "under compute-sanitizer: memcheck (out-of-bounds and misaligned accesses, failed CUDA calls),\n"
    "and racecheck and synccheck when the program uses __shared__. Shows each distinct error once,\n"
    "with its source line (and a race's other line), kernel, first thread and block, the tool's\n"
    "details and how many times it happened. CUDA labs only; the server accepts one check per lab\n"
    "every minute or so, and wb says when to try again.\n"
    "\n"
    "options:\n"
    "  --dataset N       the public dataset to run on (default: the first)\n"
    "  --wait SECONDS    how long to wait for the report (default 120)\n"
    "  --verbose         all errors and details, whole names, and the tool's own output\n"
    "\n"
    "exit status: 0 when the program is clean; 1 when errors were found or it did not run.\n"
    "\n"
    "example:\n"
    "  $ wb check vector-add --dataset 0\n"
    "  ...\n"
    "  Memory check (compute-sanitizer): 1 distinct error, 2 reported in all:\n"
    "    1. Invalid __global__ write at program.cu:12 (2 times)\n"
    "       kernel      vecAdd(float *, float *, float *, int)\n"
    "       first seen  thread (232,0,0) of block (3,0,0)\n"
    "       message     Invalid __global__ write of size 4 bytes\n"
    "       details     Address 0x7f3a5e000fa0 is out of bounds\n"
    "  ERRORS FOUND: 1 distinct error; fix the first one first, as later ones often follow from it.\n",
    check,
};
