import { Injectable, Logger } from '@nestjs/common';
import { JobTracker } from './job-tracker';

/**
 * `POST /stop`: stop taking jobs, let the running ones finish, then close the app (its
 * shutdown hooks deregister the worker and close its connections) and exit.
 */
@Injectable()
export class WorkerShutdown {
  private readonly logger = new Logger(WorkerShutdown.name);
  private started = false;
  private closeApp: () => Promise<void> = async () => undefined;

  constructor(private readonly jobs: JobTracker) {}

  /** Set by main.ts, which owns the application object. */
  onDrained(closeApp: () => Promise<void>): void {
    this.closeApp = closeApp;
  }

  begin(): void {
    if (this.started) return;
    this.started = true;
    void this.jobs
      .drain()
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
