/*
 * The run profiles' filters, compiled to BPF at build time (tools/filter-gen.c) so that a run
 * does not pay for building them with libseccomp (a few milliseconds a run). Each differs from
 * run to run only in four values, patched in before loading: the program's pid, the address of
 * its exec path (two 32-bit halves) and the listener handover socket.
 */
#ifndef WB_PRECOMPILED_H
#define WB_PRECOMPILED_H

#include <linux/filter.h>

enum patched_value {
  PATCH_SELF,
  PATCH_EXEC_PATH_HIGH,
  PATCH_EXEC_PATH_LOW,
  PATCH_HANDOVER_FD,
};

struct filter_patch {
  unsigned short at;   /* instruction index */
  unsigned char value; /* enum patched_value */
};

struct precompiled_filter {
  /* The variant: enum profile and the filter_plan flags it was built for. */
  unsigned char profile, watch_memory, check_exec, memory_counted;
  unsigned short length;
  const struct sock_filter *program;
  unsigned short patch_count;
  const struct filter_patch *patches;
};

extern const struct precompiled_filter PRECOMPILED_FILTERS[];
extern const unsigned PRECOMPILED_FILTER_COUNT;

#endif
