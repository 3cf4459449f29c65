/** What a {@link Sandbox} is asked to run, and what it reports back. */
export interface ExecSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout and stderr are each kept up to this many bytes; the rest is counted, not stored. */
  outputCapBytes: number;
}

export interface ExecResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Whether stdout or stderr went over the cap. */
  outputTruncated: boolean;
  timeMs: number;
  /**
   * The program ended badly after the sandbox's memory limit refused one of its allocations
   * (the verdict is then memory_limit rather than runtime_error).
   */
  memoryLimitHit?: boolean;
}
