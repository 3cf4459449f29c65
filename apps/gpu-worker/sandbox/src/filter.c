#include "filter.h"

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "precompiled.h"
#include "profiles.h"
#include "seccomp-api.h"

#ifdef WB_NO_SECCOMP

int load_filter(const struct filter_plan *plan, int *listener, const char **why) {
  (void)plan;
  *listener = -1;
  *why = "this wb-sandbox was built without libseccomp";
  errno = ENOSYS;
  return -1;
}

#else

/* Every namespace flag: with CLONE_THREAD they are invalid anyway, but the check is explicit. */
#define NAMESPACE_FLAGS \
  (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)

/* No network in the box anyway (its own empty network namespace); refusing is friendlier than
 * killing, because libraries probe sockets on their own (glibc's nscd lookup, CUDA's MPS check). */
static const char *const NETWORK[] = {
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto", "recvfrom",
    "sendmmsg", "recvmsg", "recvmmsg", "shutdown", "getsockopt", "setsockopt", "getsockname", "getpeername",
};

struct builder {
  scmp_filter_ctx ctx;
  const struct filter_plan *plan;
  uint32_t fallback;
  const char *failed_at;
};

/* A name this architecture lacks is skipped: the kernel has no such call to allow or deny. A
 * rule that says what the fallback says already is skipped too (libseccomp refuses it). */
static void add(struct builder *b, uint32_t action, const char *name, unsigned count, const struct scmp_arg_cmp *args) {
  if (b->failed_at || action == b->fallback) return;
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return;
  int rc = seccomp_rule_add_array(b->ctx, action, nr, count, args);
  if (rc != 0) {
    errno = -rc;
    b->failed_at = name;
  }
}

static void allow_if(struct builder *b, const char *name, unsigned arg, enum scmp_compare op, uint64_t a, uint64_t c) {
  struct scmp_arg_cmp cmp = {.arg = arg, .op = op, .datum_a = a, .datum_b = c};
  add(b, SCMP_ACT_ALLOW, name, 1, &cmp);
}

/* What the supervisor should see, and what runs without asking it. */
static uint32_t plain_action(const struct builder *b, const char *name) {
  bool memory = strcmp(name, "mmap") == 0 || strcmp(name, "mremap") == 0;
  if (b->plan->watch_memory && memory) return SCMP_ACT_NOTIFY;
  /* Learning records the driver's ioctl requests as well as the missing calls. */
  if (b->plan->learn && strcmp(name, "ioctl") == 0) return SCMP_ACT_NOTIFY;
  return SCMP_ACT_ALLOW;
}

/*
 * Which mmaps the supervisor sees. Each one it sees costs the program a round trip to it (a
 * tenth of a millisecond or more), so only those that an out-of-memory program makes:
 * - Not MAP_FIXED: one replaces what is mapped there, and the kernel counts only the pages it
 *   adds: the loader's segments, placed inside the range it reserved first, cannot be refused.
 *   One at a fresh address could be; a program doing that at its limit gets runtime_error.
 * - Not under WATCHED_MMAP_BYTES: malloc maps nothing smaller than 128 KiB (its smallest mmap
 *   threshold, and 1 MiB when the heap cannot grow), so an allocation that runs out of memory
 *   is still seen; the small maps the loader and libc make at start are not.
 */
#define WATCHED_MMAP_BYTES (64 * 1024)

static void add_watched_mmap(struct builder *b) {
  struct scmp_arg_cmp fixed = {.arg = 3, .op = SCMP_CMP_MASKED_EQ, .datum_a = MAP_FIXED, .datum_b = MAP_FIXED};
  add(b, SCMP_ACT_ALLOW, "mmap", 1, &fixed);
  struct scmp_arg_cmp small[] = {
      {.arg = 3, .op = SCMP_CMP_MASKED_EQ, .datum_a = MAP_FIXED, .datum_b = 0},
      {.arg = 1, .op = SCMP_CMP_LT, .datum_a = WATCHED_MMAP_BYTES},
  };
  add(b, SCMP_ACT_ALLOW, "mmap", 2, small);
  struct scmp_arg_cmp watched[] = {
      {.arg = 3, .op = SCMP_CMP_MASKED_EQ, .datum_a = MAP_FIXED, .datum_b = 0},
      {.arg = 1, .op = SCMP_CMP_GE, .datum_a = WATCHED_MMAP_BYTES},
  };
  add(b, SCMP_ACT_NOTIFY, "mmap", 2, watched);
}

static void add_profile_lists(struct builder *b) {
  struct name_list lists[3];
  size_t count = profile_allowed(b->plan->profile, lists);
  for (size_t l = 0; l < count; l++)
    for (size_t i = 0; i < lists[l].count; i++) {
      const char *name = lists[l].names[i];
      if (b->plan->watch_memory && !b->plan->learn && strcmp(name, "mmap") == 0) add_watched_mmap(b);
      else add(b, plain_action(b, name), name, 0, NULL);
    }
}

/*
 * fcntl commands that only touch the descriptor, its flags, its locks and seals. Left out, so
 * fatal: F_SETOWN, F_SETOWN_EX and F_SETSIG (they choose a process, any signal included, for
 * the kernel to signal on I/O: the program's supervisor, its parent under the same uid, could be
 * killed that way and the outcome lost), F_NOTIFY and F_SETLEASE (signals on file events).
 */
static const unsigned FCNTL_COMMANDS[] = {
    F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_GETLK, F_SETLK, F_SETLKW,
    F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_GETOWN, F_GETOWN_EX, F_GETSIG, F_GETLEASE,
    F_GETPIPE_SZ, F_SETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS,
};

static void add_fcntl(struct builder *b) {
  for (size_t i = 0; i < sizeof FCNTL_COMMANDS / sizeof FCNTL_COMMANDS[0]; i++)
    allow_if(b, "fcntl", 1, SCMP_CMP_EQ, FCNTL_COMMANDS[i], 0);
  /* F_SETFL, but never O_ASYNC (signal-driven I/O, aimed at whoever F_SETOWN named). */
  struct scmp_arg_cmp setfl[] = {
      {.arg = 1, .op = SCMP_CMP_EQ, .datum_a = F_SETFL},
      {.arg = 2, .op = SCMP_CMP_MASKED_EQ, .datum_a = O_ASYNC, .datum_b = 0},
  };
  add(b, SCMP_ACT_ALLOW, "fcntl", 2, setfl);
}

static void add_checked_calls(struct builder *b) {
  const struct filter_plan *p = b->plan;
  add_fcntl(b);
  /*
   * Threads yes, processes no: clone must carry CLONE_THREAD and no namespace flag. Never
   * CLONE_PARENT either: a child of the supervisor would not be the program's to wait for, and
   * could outlive the program's exit_group.
   */
  allow_if(b, "clone", 0, SCMP_CMP_MASKED_EQ, CLONE_THREAD | CLONE_PARENT | NAMESPACE_FLAGS, CLONE_THREAD);
  /* Except posix_spawn (vfork-style: CLONE_VM | CLONE_VFORK) where the profile needs it. */
  if (profile_allows_spawn(p->profile))
    allow_if(b, "clone", 0, SCMP_CMP_MASKED_EQ, CLONE_THREAD | CLONE_PARENT | CLONE_VM | CLONE_VFORK | NAMESPACE_FLAGS,
             CLONE_VM | CLONE_VFORK);
  /* And a plain fork where the profile's tool starts the program (the box's process limit still holds). */
  if (profile_allows_fork(p->profile))
    allow_if(b, "clone", 0, SCMP_CMP_MASKED_EQ, CLONE_THREAD | CLONE_PARENT | CLONE_VM | NAMESPACE_FLAGS, 0);
  /*
   * A memfd's pages belong to no mapping that RLIMIT_AS or RLIMIT_DATA sees; only the box's
   * memory cgroup counts them. Without one it is refused (the cuda profile lists it anyway).
   */
  if (p->memory_counted && !profile_is_cuda(p->profile)) add(b, SCMP_ACT_ALLOW, "memfd_create", 0, NULL);
  /* clone3 passes its flags in memory the filter cannot read: ENOSYS makes glibc use clone. */
  add(b, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
  /* Signals to itself only (raise, abort, pthread_kill); never to the supervisor or others. */
  allow_if(b, "kill", 0, SCMP_CMP_EQ, (uint64_t)p->self, 0);
  allow_if(b, "tgkill", 0, SCMP_CMP_EQ, (uint64_t)p->self, 0);
  /* The launcher's own exec of the program, and no other (see exec-path.h). */
  allow_if(b, "execve", 0, SCMP_CMP_EQ, (uint64_t)(uintptr_t)p->exec_path, 0);
  if (p->check_exec) {
    struct scmp_arg_cmp other = {.arg = 0, .op = SCMP_CMP_NE, .datum_a = (uint64_t)(uintptr_t)p->exec_path};
    add(b, SCMP_ACT_NOTIFY, "execve", 1, &other);
  }
  /* getrlimit/setrlimit on itself; the hard limits cannot be raised without privilege. */
  allow_if(b, "prlimit64", 0, SCMP_CMP_EQ, 0, 0);
  allow_if(b, "prctl", 0, SCMP_CMP_EQ, PR_SET_NAME, 0);
  allow_if(b, "prctl", 0, SCMP_CMP_EQ, PR_GET_NAME, 0);
  if (profile_allows_any_ioctl(p->profile)) {
    add(b, plain_action(b, "ioctl"), "ioctl", 0, NULL);
  } else {
    struct ioctl_list ioctls = cpu_ioctl_requests();
    for (size_t i = 0; i < ioctls.count; i++) allow_if(b, "ioctl", 1, SCMP_CMP_EQ, ioctls.requests[i], 0);
  }
  if (profile_allows_local_sockets(p->profile)) {
    allow_if(b, "socket", 0, SCMP_CMP_EQ, AF_UNIX, 0);
    struct scmp_arg_cmp inet = {.arg = 0, .op = SCMP_CMP_NE, .datum_a = AF_UNIX};
    add(b, SCMP_ACT_ERRNO(EACCES), "socket", 1, &inet);
    allow_if(b, "socketpair", 0, SCMP_CMP_EQ, AF_UNIX, 0);
    /* Every other socket call works only on a socket it made, so on a Unix one. */
    for (size_t i = 0; i < sizeof NETWORK / sizeof NETWORK[0]; i++)
      if (strcmp(NETWORK[i], "socket") != 0 && strcmp(NETWORK[i], "socketpair") != 0) add(b, SCMP_ACT_ALLOW, NETWORK[i], 0, NULL);
    add(b, SCMP_ACT_ALLOW, "sendmsg", 0, NULL);
    return;
  }
  for (size_t i = 0; i < sizeof NETWORK / sizeof NETWORK[0]; i++) add(b, SCMP_ACT_ERRNO(EACCES), NETWORK[i], 0, NULL);
  if (p->handover_fd >= 0) {
    allow_if(b, "sendmsg", 0, SCMP_CMP_EQ, (uint64_t)p->handover_fd, 0);
    struct scmp_arg_cmp other = {.arg = 0, .op = SCMP_CMP_NE, .datum_a = (uint64_t)p->handover_fd};
    add(b, SCMP_ACT_ERRNO(EACCES), "sendmsg", 1, &other);
  } else {
    add(b, SCMP_ACT_ERRNO(EACCES), "sendmsg", 0, NULL);
  }
}

int build_filter(const struct filter_plan *plan, scmp_filter_ctx *out, const char **why) {
  /* Killing the whole process (not one thread) gives the worker a plain SIGSYS verdict. */
  uint32_t fallback = plan->learn ? SCMP_ACT_NOTIFY : SCMP_ACT_KILL_PROCESS;
  struct builder b = {.ctx = seccomp_init(fallback), .plan = plan, .fallback = fallback};
  if (!b.ctx) {
    *why = "seccomp_init";
    errno = ENOMEM;
    return -1;
  }
  /* A call through another ABI (int 0x80, x32) must not slip past a filter written for this one. */
  int rc = seccomp_attr_set(b.ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
  if (rc != 0) {
    errno = -rc;
    *why = "seccomp_attr_set(ACT_BADARCH)";
    return -1;
  }
  /* A binary tree: every syscall the program makes walks this filter. Optional (libseccomp >= 2.5). */
  (void)seccomp_attr_set(b.ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);

  add_profile_lists(&b);
  add_checked_calls(&b);
  if (b.failed_at) {
    *why = b.failed_at;
    return -1;
  }
  *out = b.ctx;
  return 0;
}

static bool needs_listener(const struct filter_plan *plan) { return plan->learn || plan->watch_memory || plan->check_exec; }

#ifndef WB_FILTER_GEN
/* Room for the largest precompiled filter, set aside before loading (no allocation after it). */
static struct sock_filter patched[4096];

static const struct precompiled_filter *precompiled_for(const struct filter_plan *plan) {
  if (plan->learn) return NULL; /* trusted runs only: built at run time */
  for (unsigned i = 0; i < PRECOMPILED_FILTER_COUNT; i++) {
    const struct precompiled_filter *f = &PRECOMPILED_FILTERS[i];
    if (f->profile == plan->profile && f->watch_memory == plan->watch_memory && f->check_exec == plan->check_exec &&
        f->memory_counted == plan->memory_counted)
      return f;
  }
  return NULL;
}

static int load_precompiled(const struct precompiled_filter *f, const struct filter_plan *plan, int *listener,
                            const char **why) {
  if (f->length > sizeof patched / sizeof patched[0]) {
    *why = "the precompiled filter is too long";
    errno = E2BIG;
    return -1;
  }
  memcpy(patched, f->program, f->length * sizeof patched[0]);
  uint64_t path = (uint64_t)(uintptr_t)plan->exec_path;
  for (unsigned i = 0; i < f->patch_count; i++) {
    uint32_t value = 0;
    switch (f->patches[i].value) {
    case PATCH_SELF: value = (uint32_t)plan->self; break;
    case PATCH_EXEC_PATH_HIGH: value = (uint32_t)(path >> 32); break;
    case PATCH_EXEC_PATH_LOW: value = (uint32_t)path; break;
    case PATCH_HANDOVER_FD: value = (uint32_t)plan->handover_fd; break;
    }
    patched[f->patches[i].at].k = value;
  }
  struct sock_fprog program = {.len = f->length, .filter = patched};
  unsigned flags = needs_listener(plan) ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
  long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &program);
  if (fd < 0) {
    *why = "loading the seccomp filter";
    return -1;
  }
  *listener = flags ? (int)fd : -1;
  return 0;
}
#endif

int load_filter(const struct filter_plan *plan, int *listener, const char **why) {
  *listener = -1;
#ifndef WB_FILTER_GEN
  const struct precompiled_filter *precompiled = precompiled_for(plan);
  if (precompiled) return load_precompiled(precompiled, plan, listener, why);
#endif
  scmp_filter_ctx ctx;
  if (build_filter(plan, &ctx, why) != 0) return -1;
  int rc = seccomp_load(ctx);
  if (rc != 0) {
    errno = -rc;
    *why = "seccomp_load";
    return -1;
  }
  /* The context is not released: that could unmap memory, and the exec frees it anyway. */
  if (!needs_listener(plan)) return 0;
  int fd = seccomp_notify_fd(ctx);
  if (fd < 0) {
    errno = -fd;
    *why = "seccomp_notify_fd";
    return -1;
  }
  *listener = fd;
  return 0;
}

#endif
