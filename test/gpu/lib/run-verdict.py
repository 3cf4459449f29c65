#!/usr/bin/env python3
"""The verdict of one GPU-check run, as the worker would judge it, from the launcher's status
line (apps/gpu-worker/sandbox/src/outcome.h), the program's stdout (libwb's local mode prints
"Solution is correct." when -e matches) and the exit status of `timeout`.

    run-verdict.py STATUS_FILE STDOUT_FILE EXIT_STATUS [OOM_KILLS]  ->  prints: verdict [detail]

OOM_KILLS is the box's memory cgroup's count: a program it killed ran out of memory.
"""
import json
import signal
import sys


def main():
    status_file, stdout_file, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
    oom_kills = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    try:
        status = json.loads(open(status_file).read().splitlines()[0])
    except (OSError, IndexError, ValueError):
        status = None
    if status is None and oom_kills > 0:
        print("memory_limit (the box's cgroup)")
        return
    if status is None:
        print("timeout (killed at the wall-clock limit)" if rc in (124, 137) else "internal_error (no status from wb-sandbox, exit %d)" % rc)
        return
    if status.get("error"):
        print("internal_error (%s)" % status["error"])
        return
    sig = status.get("signal")
    name = signal.Signals(sig).name if sig else None
    if sig == signal.SIGSYS:
        print("sandbox_violation (SIGSYS)")
    elif status.get("cpuLimitHit"):
        print("timeout (CPU limit)")
    elif status.get("memoryLimitHit") or (oom_kills > 0 and (sig or status.get("exitCode") != 0)):
        print("memory_limit")
    elif status.get("writeLimitHit"):
        print("output_limit (its folder, /tmp or /dev/shm filled up)")
    elif sig:
        print("runtime_error (%s)" % name)
    elif status.get("exitCode") != 0:
        print("runtime_error (exit %s)" % status.get("exitCode"))
    else:
        stdout = open(stdout_file, errors="replace").read()
        print("passed" if "Solution is correct." in stdout else "failed")


if __name__ == "__main__":
    main()
