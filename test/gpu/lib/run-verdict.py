#!/usr/bin/env python3
"""The verdict of one GPU-check run, as the worker would judge it, from the launcher's status
line (apps/gpu-worker/sandbox/src/outcome.h), the program's stdout (libwb's local mode prints
"Solution is correct." when -e matches) and the exit status of `timeout`.

    run-verdict.py STATUS_FILE STDOUT_FILE EXIT_STATUS  ->  prints: verdict [detail]
"""
import json
import signal
import sys


def main():
    status_file, stdout_file, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
    try:
        status = json.loads(open(status_file).read().splitlines()[0])
    except (OSError, IndexError, ValueError):
        status = None
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
    elif status.get("memoryLimitHit"):
        print("memory_limit")
    elif sig:
        print("runtime_error (%s)" % name)
    elif status.get("exitCode") != 0:
        print("runtime_error (exit %s)" % status.get("exitCode"))
    else:
        stdout = open(stdout_file, errors="replace").read()
        print("passed" if "Solution is correct." in stdout else "failed")


if __name__ == "__main__":
    main()
