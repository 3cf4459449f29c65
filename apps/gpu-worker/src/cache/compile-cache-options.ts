/**
 * Where the compile cache lives and how much disk it may use. A class so that Nest can inject it
 * by type; the worker module builds it from the config (WORKER_CACHE_DIR, WORKER_CACHE_MAX_MB).
 */
export class CompileCacheOptions {
  constructor(
    /** Must not be visible inside the sandbox: a program that could write here could poison other attempts. */
    readonly dir: string,
    readonly maxBytes: number,
    /** The time recorded as an entry's last use; tests pass a clock that always moves on. */
    readonly now: () => Date = () => new Date(),
  ) {}
}
