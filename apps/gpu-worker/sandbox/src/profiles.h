/*
 * Which system calls each run profile allows. Names, not numbers: they are resolved for the
 * machine's architecture when the filter is built, and a name the architecture lacks is skipped.
 * The calls whose arguments matter (clone, kill, execve, ioctl, prctl, ...) are not in these
 * lists; filter.c adds them with their argument checks.
 */
#ifndef WB_PROFILES_H
#define WB_PROFILES_H

#include <stddef.h>

#include "options.h"

struct name_list {
  const char *const *names;
  size_t count;
};

#define NAME_LIST(array) ((struct name_list){(array), sizeof(array) / sizeof((array)[0])})

/* The plain allow-lists of a profile, base first; returns how many lists (at most 3). */
size_t profile_allowed(enum profile profile, struct name_list lists[3]);

/* The CUDA runtime's extra calls (profile-cuda.c). */
struct name_list cuda_extra_syscalls(void);

/* Whether the profile is one of CUDA's: the driver's ioctls, Unix sockets, pinned memory. */
int profile_is_cuda(enum profile profile);

/* Whether the program may start a child process with fork (cuda-sanitizer: the tool starts the program). */
int profile_allows_fork(enum profile profile);

/* ioctl requests a CPU program may make (terminal queries from isatty and stdio). */
struct ioctl_list {
  const unsigned long *requests;
  size_t count;
};
struct ioctl_list cpu_ioctl_requests(void);

/* Whether the program may start other programs with posix_spawn (opencl: PoCL runs ld). */
int profile_allows_spawn(enum profile profile);

/* Whether ioctl is allowed whatever the request (cuda: the driver's requests are its own). */
int profile_allows_any_ioctl(enum profile profile);

/*
 * Whether the program may use Unix-domain sockets (cuda: the driver looks for the MPS control
 * daemon's socket and fails every CUDA call with cudaErrorOperatingSystem when socket() is
 * refused). The box has a network namespace of its own, so such a socket reaches nothing
 * outside it; other address families stay refused.
 */
int profile_allows_local_sockets(enum profile profile);

#endif
