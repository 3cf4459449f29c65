import type { HealthCheckResult } from '@nestjs/terminus';

/** What a health route answers: 200 or 503, and terminus's JSON (`status`, `info`, `error`, `details`). */
export interface ProbeAnswer {
  status: 200 | 503;
  body: HealthCheckResult;
}

/**
 * `GET /healthz/live` and `GET /healthz/ready`, for whichever server answers them: Nest's own
 * (gateway, worker) or the grader's and notifier's bare one. Terminus does the work
 * ({@link TerminusHealthProbes}); this file names no value of it, because terminus is an ES
 * module that Jest cannot load and the bare server is in every app's common code.
 */
export abstract class HealthProbes {
  /** 200 while the process runs and answers (its event loop turns); 503 once it is shutting down. */
  abstract live(): Promise<ProbeAnswer>;
  /** 200 when it can do its work now: its app's {@link Readiness} checks all pass. */
  abstract ready(): Promise<ProbeAnswer>;
}
