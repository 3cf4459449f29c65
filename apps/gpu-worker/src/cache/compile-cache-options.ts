/**
 * Where the compile cache lives and how much disk it may use. A class so that Nest can inject it
 * by type; the worker module builds it from the config (WORKER_CACHE_DIR, WORKER_CACHE_MAX_MB).
 */
export class CompileCacheOptions {
  /**
   * Whether a hit hard-links the cached binary into the run directory instead of copying it:
   * only when programs run under a uid of their own (Sandbox.programsHaveOwnUid), so that two
   * barriers stand between a program and the cache's file: the box binds the binary read-only,
   * and the file belongs to the worker with no write permission for anyone (see CompileCache).
   */
  readonly linkHits: boolean;
  /** The time recorded as an entry's last use; tests pass a clock that always moves on. */
  readonly now: () => Date;

  constructor(
    /** Must not be visible inside the sandbox: a program that could write here could poison other attempts. */
    readonly dir: string,
    readonly maxBytes: number,
    options: { linkHits?: boolean; now?: () => Date } = {},
  ) {
    this.linkHits = options.linkHits ?? false;
    this.now = options.now ?? (() => new Date());
  }
}
