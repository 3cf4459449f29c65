/** What a {@link Sandbox} is asked to run, and what it reports back. */
export interface ExecSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout and stderr are each kept up to this many bytes; the rest is counted, not stored. */
  outputCapBytes: number;
  /** The box is stopped once stdout and stderr together pass this many bytes; unset: never for output. */
  outputLimitBytes?: number;
  /** Aborting it kills the box at once (a staff member cancelled the attempt, the worker is stopping). */
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Whether stdout or stderr went over the cap: only their first part was kept. */
  outputTruncated: boolean;
  /** What stdout and stderr carried in all, kept or not. */
  outputBytes: number;
  /** The box was stopped because stdout and stderr passed `outputLimitBytes`. */
  outputLimitHit: boolean;
  timeMs: number;
  /**
   * The program ended badly after the sandbox's memory limit refused one of its allocations
   * (the verdict is then memory_limit rather than runtime_error).
   */
  memoryLimitHit?: boolean;
  /** The program filled the space it may write files in (the verdict is then output_limit). */
  writeLimitHit?: boolean;
}
