import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { WorkerLabs } from '../labs/worker-labs.service';
import { RegistrationService } from '../registration/registration.service';
import { JobTracker } from './job-tracker';

/** Past the deadline, closing the app (deregistering, closing connections) gets this long before the process exits anyway. */
const CLOSE_GRACE_MS = 10_000;
/** Beyond the longest job, for its verdict's delivery. */
const REPORT_MARGIN_MS = 15_000;

/**
 * A bounded stop, for SIGTERM, SIGINT and `POST /stop` alike: stop taking jobs, let the running
 * ones finish until the deadline (WORKER_STOP_DEADLINE_MS, by default the longest job plus
 * 15 s), then hand the unfinished ones back to their queue, deregister, close the app and exit
 * 0. Whatever hangs, the process is gone shortly after the deadline.
 */
@Injectable()
export class WorkerShutdown {
  private readonly logger = new Logger(WorkerShutdown.name);
  private started = false;
  private closeApp: () => Promise<void> = async () => undefined;

  constructor(
    private readonly jobs: JobTracker,
    private readonly labs: WorkerLabs,
    private readonly registration: RegistrationService,
    private readonly config: AppConfig,
  ) {}

  /** Set by main.ts, which owns the application object. */
  onDrained(closeApp: () => Promise<void>): void {
    this.closeApp = closeApp;
  }

  get deadlineMs(): number {
    return this.config.WORKER_STOP_DEADLINE_MS ?? this.labs.longestJobMs() + REPORT_MARGIN_MS;
  }

  begin(why: string): void {
    if (this.started) return;
    this.started = true;
    const deadlineMs = this.deadlineMs;
    this.logger.warn(`stopping (${why}) within ${Math.round(deadlineMs / 1000)} s`);
    setTimeout(() => {
      this.logger.error('the stop outlasted its deadline; exiting now');
      process.exit(0);
    }, deadlineMs + CLOSE_GRACE_MS).unref();
    void this.jobs
      .drain(deadlineMs)
      // Out of the rotation the moment it stops consuming, before the slower close of the rest.
      .then(() => this.registration.deregister())
      .then(() => this.closeApp())
      .then(
        () => process.exit(0),
        (err) => {
          this.logger.error(`stopping failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  }
}
