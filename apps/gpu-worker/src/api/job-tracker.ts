import { Injectable, Logger } from '@nestjs/common';
import { Job, WaitingError, type Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_CANCELLED, RunAborted, WORKER_STOPPING } from '../runner/run-aborted';

/** A job this worker is running, as the staff and a stop see it. */
export interface RunningJob {
  /** The attempt's id, or a label for a direct compile. */
  id: string;
  startedAt: number;
  controller: AbortController;
}

/** How long aborted jobs get to hand themselves back before the stop goes on without them. */
const RELEASE_GRACE_MS = 5_000;

/**
 * Knows the queue consumers and the jobs running, each with an AbortController: a staff
 * member's cancel stops one job's box, and a stop that reaches its deadline stops them all so
 * that they go back to their queue.
 */
@Injectable()
export class JobTracker {
  private readonly logger = new Logger(JobTracker.name);
  private readonly consumers: Worker[] = [];
  private readonly jobs = new Set<RunningJob>();
  stopping = false;
  paused = false;

  addConsumer(worker: Worker): void {
    this.consumers.push(worker);
  }

  get running(): number {
    return this.jobs.size;
  }

  /** Runs `work` as a tracked job; its signal is aborted by {@link cancel} or a stop's deadline. */
  async track<T>(id: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const job: RunningJob = { id, startedAt: Date.now(), controller: new AbortController() };
    this.jobs.add(job);
    try {
      return await work(job.controller.signal);
    } finally {
      this.jobs.delete(job);
    }
  }

  /**
   * A queue job's work, tracked under `id`. Throws → BullMQ retries; a job taken while the worker
   * stops, or stopped by the stop's deadline, goes back to its queue as it is (WaitingError), and
   * another worker runs it from the start; one a staff member cancelled just ends (the gateway
   * has ended its attempt already).
   */
  async runQueued(job: Job, token: string | undefined, id: string, work: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    // A fetch already under way when the stop began can still bring a job (even one just handed back).
    if (this.stopping) return handBack(job, token);
    try {
      await this.track(id, work);
    } catch (err) {
      if (!(err instanceof RunAborted)) throw err;
      if (err.reason === JOB_CANCELLED) return;
      return handBack(job, token);
    }
  }

  /** Stops the box of a running job (a staff member cancelled its attempt); false if it is not here. */
  cancel(id: string): boolean {
    const job = [...this.jobs].find((j) => j.id === id);
    if (!job) return false;
    this.logger.warn(`job ${id} cancelled: stopping its box`);
    job.controller.abort(JOB_CANCELLED);
    return true;
  }

  /**
   * Stops (or starts again) taking new jobs while staying registered: what a worker the notifier
   * marked down does. Running jobs are not waited for; they finish, or fail and BullMQ retries them.
   */
  async setPaused(paused: boolean, why: string): Promise<void> {
    if (paused === this.paused || this.stopping) return;
    this.paused = paused;
    if (paused) await Promise.all(this.consumers.map((w) => w.pause(true)));
    else for (const w of this.consumers) w.resume();
    this.logger.warn(`${paused ? 'paused: taking no new jobs' : 'resumed: taking jobs again'} (${why})`);
  }

  /**
   * Stops taking jobs and lets the running ones finish until `deadlineMs`; then stops their
   * boxes, which hands each job back to its queue for another worker. Resolves when no job runs
   * (or, should a job not let go, a few seconds after the deadline).
   */
  async drain(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.logger.log(`stopping: no new jobs; ${this.running} running get up to ${Math.round(deadlineMs / 1000)} s to finish`);
    await Promise.all(this.consumers.map((w) => w.pause(true)));
    const deadline = Date.now() + deadlineMs;
    while (this.running > 0 && Date.now() < deadline) await sleep(Math.min(100, deadline - Date.now()));
    if (this.running > 0) {
      this.logger.warn(`stop deadline reached: handing ${this.running} unfinished job(s) back to their queue`);
      for (const job of this.jobs) job.controller.abort(WORKER_STOPPING);
      const grace = Date.now() + RELEASE_GRACE_MS;
      while (this.running > 0 && Date.now() < grace) await sleep(50);
    }
    await Promise.all(this.consumers.map((w) => w.close(this.running > 0)));
  }

  /** What runs here now, for the worker's status. */
  snapshot(): { id: string; runningForMs: number }[] {
    const now = Date.now();
    return [...this.jobs].map((j) => ({ id: j.id, runningForMs: now - j.startedAt }));
  }
}

async function handBack(job: Job, token: string | undefined): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}
