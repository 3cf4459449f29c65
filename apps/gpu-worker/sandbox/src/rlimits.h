/* Resource limits for the program: the kernel enforces them, the supervisor only reports. */
#ifndef WB_RLIMITS_H
#define WB_RLIMITS_H

#include "options.h"

/* Sets every limit the options ask for, plus no core files; returns -1 (errno set) on failure. */
int apply_limits(const struct options *options);

#endif
