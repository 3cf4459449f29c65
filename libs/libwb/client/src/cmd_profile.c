// wb profile: runs the local program's kernels under Nsight Compute on the server's GPU
// ("Profile") and shows what each launch measured, with one line of advice.
#include "analysis_command.h"
#include "analysis_view.h"
#include "attempt_view.h"
#include "command.h"
#include "diag.h"
#include "exit_codes.h"

#include <stdio.h>

static int show_profile(const JsonValue *attempt, bool verbose) {
  const JsonValue *profile = json_get(attempt, "profile");
  if (!json_is(profile, JSON_OBJECT)) {
    diag_error("the server's profile attempt has no report (profile); is the server older than this wb?");
    return WB_EXIT_SERVER;
  }
  ProfileVerdict verdict = profile_verdict(profile);
  if (verbose || verdict == PROFILE_NOTHING) attempt_print_output(attempt, "Nsight Compute's output", verbose);
  profile_print(stdout, profile, verbose);
  switch (verdict) {
  case PROFILE_MEASURED:
    return WB_EXIT_OK;
  case PROFILE_COUNTERS_FORBIDDEN:
    // Nothing the student can change: the server cannot offer profiling until the staff can.
    return WB_EXIT_UNSUPPORTED;
  case PROFILE_NOTHING:
    break;
  }
  return WB_EXIT_FAILED;
}

static const AnalysisCommand PROFILE = {"wb profile", "profile", "a profile", "Nsight Compute", show_profile};

static int profile(int argc, char **argv) { return analysis_command_run(&PROFILE, argc, argv); }

const Command COMMAND_PROFILE = {
    "profile",
    "profile your program's kernels on the server's GPU (CUDA labs)",
    "usage: wb profile LAB [--dataset N] [--wait SECONDS] [--verbose]\n"
    "\n"
    "Sends ./LAB/program.cu to the server (which also saves it) and runs it on one public dataset\n"
    "under Nsight Compute. Shows, for each kernel launch, its duration, achieved occupancy, DRAM,\n"
    "memory and compute throughput in % of the GPU's peak, registers per thread and shared memory\n"
    "per block, with one line of advice. CUDA labs only; the server accepts one profile per lab\n"
    "every few minutes, and wb says when to try again.\n"
    "\n"
    "options:\n"
    "  --dataset N       the public dataset to run on (default: the first)\n"
    "  --wait SECONDS    how long to wait for the report (default 120)\n"
    "  --verbose         whole kernel names, and the tool's own output\n"
    "\n"
    "exit status: 0 when at least one kernel was measured; 1 when none was (or the program did not\n"
    "run); 14 when the server's GPU host does not allow performance counters.\n"
    "\n"
    "example:\n"
    "  $ wb profile vector-add --dataset 0\n"
    "  ...\n"
    "  Profile (Nsight Compute): 1 kernel launch\n"
    "\n"
    "    kernel                vecAdd(float *, float *, float *, int)   (launch 0)\n"
    "    duration              12.8 \xC2\xB5s\n"
    "    achieved occupancy    85 %\n"
    "    DRAM throughput       81 % of peak\n"
    "    memory throughput     81 % of peak\n"
    "    compute throughput    14 % of peak\n"
    "    registers per thread  16\n"
    "    shared memory/block   0 B\n"
    "    advice                memory-bound at 81 % of peak bandwidth: read each value fewer times ...\n",
    profile,
};
