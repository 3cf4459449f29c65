import type { SandboxProfile } from '@wb/common';
import type { ExecResult, ExecSpec } from '../runner/exec-types';

/**
 * What a caller may add to an {@link ExecSpec} for this sandbox. Both are optional so that the
 * worker's runner keeps working unchanged: without them the sandbox uses its default profile
 * and finds the dataset inputs in libwb's `-i a,b,...` argument.
 */
export interface SandboxExecSpec extends ExecSpec {
  /** The syscall profile of the program's toolchain. */
  profile?: SandboxProfile;
  /** Host files the program may read, bound read-only at the same paths. */
  readOnlyPaths?: string[];
  /**
   * Runs: how many bytes the program may keep in its folder (`cwd`, a tmpfs of its own in the
   * box, whose files are copied back at the end); by default the profile's file size limit.
   */
  writableBytes?: number;
  /**
   * The student's binary when `command` is a tool that starts it (compute-sanitizer, ncu): the
   * binary is what the box binds, hands to the sandbox uid and lets the tool exec; the tool
   * itself stays the system's, read-only under /usr.
   */
  program?: string;
}

export interface SandboxExecResult extends ExecResult {
  /**
   * The program ended badly (a signal or a non-zero exit) after the memory limit refused one of
   * its allocations: the verdict is memory_limit rather than runtime_error.
   */
  memoryLimitHit: boolean;
  /** The program filled the space it may write in (its folder, /tmp or /dev/shm). */
  writeLimitHit: boolean;
}
