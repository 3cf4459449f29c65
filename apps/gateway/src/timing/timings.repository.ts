import { Injectable } from '@nestjs/common';
import { Attempt, LeaderboardName, PENDING_STATUSES, Timing, TimingStatus } from '@wb/common';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import type { TimingResultsDto } from './dto/timing-results.dto';

/** The program a timed run may time: the student's latest judged run or grade of every dataset. */
export type LatestFullRun = Pick<Attempt, 'id' | 'passed' | 'program' | 'programSha256'>;

/**
 * The one reader and writer of `timings` and `leaderboard_names`. A timing moves forward once:
 * queued → done (with its status and figure) or failed, so a repeated worker report changes nothing.
 */
@Injectable()
export class TimingsRepository {
  private readonly timings: Repository<Timing>;
  private readonly names: Repository<LeaderboardName>;
  private readonly attempts: Repository<Attempt>;

  constructor(dataSource: DataSource) {
    this.timings = dataSource.getRepository(Timing);
    this.names = dataSource.getRepository(LeaderboardName);
    this.attempts = dataSource.getRepository(Attempt);
  }

  latestFullRun(userId: string, mpId: string): Promise<LatestFullRun | null> {
    return this.attempts.findOne({
      where: { userId, mpId, dataset: -1, kind: In(['run', 'grade']), status: Not(In([...PENDING_STATUSES])) },
      select: { id: true, passed: true, program: true, programSha256: true },
      order: { createdAt: 'DESC' },
    });
  }

  /** The student's newest timing of the lab (their own, not a reference), for the rate limit. */
  latestOwn(userId: string, mpId: string): Promise<Timing | null> {
    return this.timings.findOne({ where: { userId, mpId, reference: false }, order: { createdAt: 'DESC' } });
  }

  insertQueued(fields: Pick<Timing, 'userId' | 'mpId' | 'programSha256' | 'reference'>): Promise<Timing> {
    return this.timings.save(this.timings.create(fields));
  }

  find(mpId: string, id: string): Promise<Timing | null> {
    return this.timings.findOneBy({ mpId, id });
  }

  /** The student's timings of the lab, newest first. */
  listOwn(userId: string, mpId: string, limit = 50): Promise<Timing[]> {
    return this.timings.find({ where: { userId, mpId, reference: false }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Applies the worker's verdict; false when the timing was finished already. */
  async complete(mpId: string, id: string, result: TimingResultsDto, status: TimingStatus): Promise<boolean> {
    const figure = result.figure;
    const update = await this.timings.update(
      { mpId, id, state: 'queued' },
      {
        state: 'done',
        status,
        reason: result.reason ?? null,
        runs: result.runs,
        medianMs: figure?.medianMs ?? null,
        minMs: figure?.minMs ?? null,
        maxMs: figure?.maxMs ?? null,
        spread: figure?.spread ?? null,
        deviceModel: result.deviceStart?.model ?? null,
        deviceStart: result.deviceStart ?? null,
        deviceEnd: result.deviceEnd ?? null,
        finishedAt: new Date(),
      },
    );
    return (update.affected ?? 0) > 0;
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.timings.update({ id, state: 'queued' }, { state: 'failed', reason, finishedAt: new Date() });
  }

  /** Every valid figure of the lab, hidden ones included (the staff's view lists them). */
  validOf(mpId: string): Promise<Timing[]> {
    return this.timings.find({ where: { mpId, status: 'valid', medianMs: Not(IsNull()) }, order: { medianMs: 'ASC' } });
  }

  async hide(mpId: string, id: string, reason: string, staffId: string): Promise<boolean> {
    const update = await this.timings.update({ mpId, id }, { hiddenReason: reason, hiddenBy: staffId });
    return (update.affected ?? 0) > 0;
  }

  async unhide(mpId: string, id: string): Promise<boolean> {
    const update = await this.timings.update({ mpId, id }, { hiddenReason: null, hiddenBy: null });
    return (update.affected ?? 0) > 0;
  }

  async namesOf(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.names.findBy({ userId: In(userIds) });
    return new Map(rows.map((r) => [r.userId, r.displayName]));
  }

  async nameOf(userId: string): Promise<string | null> {
    return (await this.names.findOneBy({ userId }))?.displayName ?? null;
  }

  /** A name to show, or null: anonymous from now on. */
  async setName(userId: string, displayName: string | null): Promise<void> {
    if (displayName === null) await this.names.delete({ userId });
    else await this.names.upsert({ userId, displayName }, ['userId']);
  }
}
