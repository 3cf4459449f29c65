#include "profiles.h"

#include <sys/ioctl.h>

/*
 * What an ordinary C or C++ program (glibc, libstdc++, libwb, std::thread) does between exec
 * and exit: load itself, allocate, read its inputs and write its output, tell the time, use
 * threads and signals on itself. Not here, so killed: fork/vfork, other processes, mounts and
 * namespaces, ptrace, bpf, perf, keyrings, io_uring, module and system administration, ids and
 * capabilities, links and device nodes (symlink, link, mknod), extended attributes. fcntl is
 * checked in filter.c: the commands that would make the kernel signal another process are not.
 */
static const char *const BASE[] = {
    /* memory */
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "msync",
    /* files the mount namespace lets it see */
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2", "pwritev2",
    "open", "openat", "close", "close_range", "lseek", "fstat", "stat", "lstat", "newfstatat", "statx",
    "fstatfs", "statfs", "access", "faccessat", "faccessat2", "readlink", "readlinkat", "getdents64",
    "getcwd", "chdir", "fchdir", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat",
    "renameat2", "ftruncate", "fallocate", "fsync", "fdatasync", "fadvise64", "flock", "dup",
    "dup2", "dup3", "pipe", "pipe2", "umask", "sendfile", "poll", "ppoll", "select", "pselect6",
    /* time */
    "clock_gettime", "clock_getres", "clock_nanosleep", "gettimeofday", "time", "nanosleep", "times",
    "getrusage",
    /* signals to itself (kill and tgkill are checked in filter.c) */
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigsuspend", "rt_sigtimedwait",
    "sigaltstack", "pause", "alarm", "setitimer", "getitimer", "restart_syscall",
    /* who and where it is */
    "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getgroups", "getresuid",
    "getresgid", "getpgrp", "getpgid", "getsid", "uname", "sysinfo", "getrlimit", "getcpu",
    "sched_getaffinity", "sched_yield", "sched_getparam", "sched_getscheduler", "sched_get_priority_max",
    "sched_get_priority_min",
    /* threads (clone is checked in filter.c) and process start-up */
    "set_robust_list", "set_tid_address", "futex", "rseq", "arch_prctl", "getrandom", "exit", "exit_group",
};

/*
 * PoCL, the CPU OpenCL implementation: it compiles kernels with LLVM at run time (executable
 * mappings come from mmap/mprotect above), keeps a kernel cache under $HOME (/tmp in the box),
 * and links each kernel by running /usr/bin/ld with posix_spawn (clone and execve are checked
 * in filter.c and exec-check.h), then waits for it.
 */
static const char *const OPENCL_EXTRA[] = {
    "wait4", "waitid",
    /* its work-group threads, one per core */
    "sched_setaffinity",
    /* the kernel library it just linked */
    "chmod",
};

/* compute-sanitizer and ncu wait for the program they started (see profile_allows_fork). */
static const char *const SANITIZER_EXTRA[] = {"wait4", "waitid"};

static const unsigned long CPU_IOCTLS[] = {TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX};

size_t profile_allowed(enum profile profile, struct name_list lists[3]) {
  switch (profile) {
  case PROFILE_COMPILE: return 0;
  case PROFILE_CPU: lists[0] = NAME_LIST(BASE); return 1;
  case PROFILE_OPENCL:
    lists[0] = NAME_LIST(BASE);
    lists[1] = NAME_LIST(OPENCL_EXTRA);
    return 2;
  case PROFILE_CUDA:
    lists[0] = NAME_LIST(BASE);
    lists[1] = cuda_extra_syscalls();
    return 2;
  case PROFILE_CUDA_SANITIZER:
    lists[0] = NAME_LIST(BASE);
    lists[1] = cuda_extra_syscalls();
    lists[2] = NAME_LIST(SANITIZER_EXTRA);
    return 3;
  }
  return 0;
}

struct ioctl_list cpu_ioctl_requests(void) {
  return (struct ioctl_list){CPU_IOCTLS, sizeof CPU_IOCTLS / sizeof CPU_IOCTLS[0]};
}

int profile_is_cuda(enum profile profile) { return profile == PROFILE_CUDA || profile == PROFILE_CUDA_SANITIZER; }

int profile_allows_spawn(enum profile profile) { return profile == PROFILE_OPENCL || profile == PROFILE_CUDA_SANITIZER; }

/*
 * cuda-sanitizer: compute-sanitizer and ncu start the student's program as their child (their
 * library injected into it through CUDA_INJECTION64_PATH) and wait for it. So this profile is the
 * cuda one plus a fork, the exec of the program's binary (filter.c: clone without CLONE_THREAD,
 * CLONE_VM or CLONE_PARENT; execve checked against --allow-exec, which names only that binary)
 * and the wait for it (SANITIZER_EXTRA). It was written without a GPU and is NOT derived
 * from a trace as the cuda list was: test/gpu/check.sh runs both tools in it under --learn and
 * prints what they lacked, so the next GPU session completes it from that record. kill stays
 * limited to the process itself and setsid stays out until the trace shows a need.
 */
int profile_allows_fork(enum profile profile) { return profile == PROFILE_CUDA_SANITIZER; }

int profile_allows_any_ioctl(enum profile profile) { return profile_is_cuda(profile); }

int profile_allows_local_sockets(enum profile profile) { return profile_is_cuda(profile); }
