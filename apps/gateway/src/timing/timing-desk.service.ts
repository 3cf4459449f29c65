import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiError, Mp, PerformanceConfig, Timing, TimingQueues, unavailable } from '@wb/common';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log';
import { TimingResultsDto } from './dto/timing-results.dto';
import { DeviceBoard, leaderboards } from './leaderboard';
import { TimingsRepository } from './timings.repository';
import type { RequestUser } from '../auth/authenticated-request';

/**
 * Timed runs and leaderboards of the labs with `performance:`: a student asks for a timed run of
 * their latest program once it passed every dataset (at most one per `cooldown_minutes`), staff
 * time the lab's solution for the reference line and hide figures with a reason, and workers
 * report verdicts.
 */
@Injectable()
export class TimingDesk {
  private readonly logger = new Logger(TimingDesk.name);

  constructor(
    private readonly timings: TimingsRepository,
    private readonly queues: TimingQueues,
    private readonly audit: AuditLog,
  ) {}

  /** The lab's performance block; 404 for a lab that offers no timed runs. */
  performanceOf(mp: Mp): PerformanceConfig {
    if (!mp.config.performance) throw new ApiError(HttpStatus.NOT_FOUND, `lab "${mp.config.id}" has no timed runs`);
    return mp.config.performance;
  }

  async request(user: RequestUser, mp: Mp, now = new Date()): Promise<Timing> {
    const performance = this.performanceOf(mp);
    const latest = await this.timings.latestFullRun(user.id, mp.config.id);
    if (!latest?.passed) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'a timed run needs a program that passed every dataset: run your latest program on all datasets first, and time it once it passes',
      );
    }
    const last = await this.timings.latestOwn(user.id, mp.config.id);
    const waitMs = last ? last.createdAt.getTime() + performance.cooldown_minutes * 60_000 - now.getTime() : 0;
    if (waitMs > 0) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        `one timed run every ${performance.cooldown_minutes} minutes per lab: wait ${Math.ceil(waitMs / 1000)} s`,
        { retryAfterMs: waitMs },
      );
    }
    return this.queue(mp, user.id, latest.program, latest.programSha256, false);
  }

  /** Staff time the lab's own solution through the same protocol: the leaderboard's reference line. */
  async requestReference(staff: RequestUser, mp: Mp): Promise<Timing> {
    this.performanceOf(mp);
    const file = readdirSync(mp.dir).find((f) => f.startsWith('solution.'));
    if (!file) throw new ApiError(HttpStatus.CONFLICT, `lab "${mp.config.id}" has no solution file to time`);
    const program = readFileSync(join(mp.dir, file), 'utf8');
    const timing = await this.queue(mp, staff.id, program, createHash('sha256').update(program).digest('hex'), true);
    await this.audit.record(staff, 'timing.reference', `${mp.config.id}/${timing.id}`);
    return timing;
  }

  private async queue(mp: Mp, userId: string, program: string, programSha256: string, reference: boolean): Promise<Timing> {
    const timing = await this.timings.insertQueued({ userId, mpId: mp.config.id, programSha256, reference });
    try {
      await this.queues.enqueue(mp.config.toolchain, { timingId: timing.id, mpId: mp.config.id, program });
    } catch (err) {
      this.logger.error(`could not queue timing ${timing.id}: ${(err as Error).message}`);
      await this.timings.fail(timing.id, 'the timing queue is unavailable');
      throw unavailable('the timing queue is unavailable; try again shortly');
    }
    return timing;
  }

  async findOwn(user: RequestUser, mp: Mp, id: string): Promise<Timing> {
    const timing = await this.timings.find(mp.config.id, id);
    const staff = user.role === 'staff' || user.role === 'admin';
    if (!timing || (timing.userId !== user.id && !staff)) throw new ApiError(HttpStatus.NOT_FOUND, 'no such timing');
    return timing;
  }

  listOwn(user: RequestUser, mp: Mp): Promise<Timing[]> {
    return this.timings.listOwn(user.id, mp.config.id);
  }

  /** A worker's verdict. The worker's own judgement of the figure is kept: it saw the runs. */
  async complete(mp: Mp, id: string, result: TimingResultsDto): Promise<void> {
    if (!(await this.timings.find(mp.config.id, id))) throw new ApiError(HttpStatus.NOT_FOUND, 'no such timing');
    if (result.status !== 'void' && !result.figure)
      throw new ApiError(HttpStatus.BAD_REQUEST, `a ${result.status} timing needs its figure`);
    await this.timings.complete(mp.config.id, id, result, result.status);
  }

  async fail(mp: Mp, id: string, reason: string): Promise<void> {
    if (!(await this.timings.find(mp.config.id, id))) throw new ApiError(HttpStatus.NOT_FOUND, 'no such timing');
    await this.timings.fail(id, reason);
  }

  async leaderboards(mp: Mp, viewer: RequestUser): Promise<DeviceBoard[]> {
    this.performanceOf(mp);
    const valid = await this.timings.validOf(mp.config.id);
    const names = await this.timings.namesOf([...new Set(valid.map((t) => t.userId))]);
    return leaderboards(valid, names, viewer.id);
  }

  /** The figures staff have hidden, with why: the staff's view of the leaderboard lists them. */
  async hidden(mp: Mp): Promise<Timing[]> {
    return (await this.timings.validOf(mp.config.id)).filter((t) => t.hiddenReason !== null);
  }

  async hide(staff: RequestUser, mp: Mp, id: string, reason: string): Promise<void> {
    if (!(await this.timings.hide(mp.config.id, id, reason.trim(), staff.id))) throw new ApiError(HttpStatus.NOT_FOUND, 'no such timing');
    await this.audit.record(staff, 'timing.hide', `${mp.config.id}/${id}`, reason.trim());
  }

  async unhide(staff: RequestUser, mp: Mp, id: string): Promise<void> {
    if (!(await this.timings.unhide(mp.config.id, id))) throw new ApiError(HttpStatus.NOT_FOUND, 'no such timing');
    await this.audit.record(staff, 'timing.unhide', `${mp.config.id}/${id}`);
  }

  nameOf(user: RequestUser): Promise<string | null> {
    return this.timings.nameOf(user.id);
  }

  async setName(user: RequestUser, displayName: string | undefined): Promise<string | null> {
    const name = displayName?.trim() || null;
    await this.timings.setName(user.id, name);
    return name;
  }
}
