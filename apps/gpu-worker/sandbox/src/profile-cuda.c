/*
 * The CUDA runtime's needs beyond the base list, kept apart because they cannot be tested
 * without a GPU: test/gpu/check.sh runs every CUDA lab under this profile and under --learn,
 * and prints what was missing. Each entry says who uses it, as far as is known.
 *
 * ioctl is allowed whatever the request in this profile (profiles.c): the NVIDIA driver's
 * requests on /dev/nvidiactl, /dev/nvidia<N> and /dev/nvidia-uvm are many, undocumented and
 * change between driver versions. The box holds no other device a request could harm, and
 * the program runs unprivileged; that driver surface is the accepted exposure of a GPU lab.
 */
#include "profiles.h"

static const char *const CUDA_EXTRA[] = {
    /* NUMA placement of pinned host memory and the driver's worker threads */
    "mbind", "get_mempolicy", "set_mempolicy", "sched_setaffinity",
    /* the runtime's internal event loop and thread wake-ups */
    "eventfd2", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "timerfd_create",
    "timerfd_settime", "timerfd_gettime",
    /* page-locked (pinned) host buffers: cudaHostAlloc, cudaMallocHost */
    "mlock", "munlock",
    /* memory barriers across the runtime's threads; shareable allocations */
    "membarrier", "memfd_create",
    /* thread names (prctl is otherwise limited to PR_SET_NAME/PR_GET_NAME in filter.c) */
    "sched_getattr",
    /*
     * The driver links its per-process files (6 calls a run, seen by --learn on an H200 with
     * driver 580 and CUDA 13.0; refusing them makes every CUDA call fail with
     * cudaErrorOperatingSystem). Links can only land in the box's own tmpfs folders, and only
     * regular files with one link ever leave the box (box-teardown.c); the worker reads what
     * came out only through readProgramFile, which refuses links.
     */
    "symlink", "symlinkat",
};

struct name_list cuda_extra_syscalls(void) { return NAME_LIST(CUDA_EXTRA); }

