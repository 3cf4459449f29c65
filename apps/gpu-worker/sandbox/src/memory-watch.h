/*
 * Telling "out of memory" from any other crash.
 *
 * RLIMIT_AS/RLIMIT_DATA make an allocation fail (mmap returns ENOMEM; the program then
 * usually dies of a null pointer or of std::bad_alloc). The kernel does not say so, and the
 * worker cannot see it. So the filter sends each mmap/mremap to the supervisor first, which
 * compares the program's current size with the request and notes when the kernel is about to
 * refuse it, then lets the call go on unchanged (the kernel still enforces the limit). A
 * program that then ends badly ran out of memory.
 */
#ifndef WB_MEMORY_WATCH_H
#define WB_MEMORY_WATCH_H

#include <linux/seccomp.h>
#include <stdbool.h>

struct memory_watch {
  /* The soft limits in bytes, as the kernel applies them; 0 = none. */
  unsigned long long as_limit;
  unsigned long long data_limit;
  /* An allocation went past a limit. */
  bool refused;
  /* Calls seen: none at all means the program died while the kernel was still loading it. */
  unsigned long calls;
};

/* Looks at one notified call; mmap and mremap count, anything else is ignored. */
void watch_call(struct memory_watch *watch, const struct seccomp_notif *call);

#endif
