import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, Not, Repository } from 'typeorm';
import { SimilarityPair } from '../db/entities/similarity-pair.entity';
import { SimilarityProgress, SimilarityReport, SimilaritySubmission } from '../db/entities/similarity-report.entity';

/** Reports kept per lab: older ones (and their pairs) go when a newer one is asked for. */
const REPORTS_KEPT_PER_LAB = 5;

export type NewSimilarityPair = Omit<SimilarityPair, 'id' | 'reportId'>;

/**
 * The one writer of `similarity_reports` and `similarity_pairs`: the gateway asks for a report
 * (`request`), the grader moves it forward (`start`, `progress`, `complete`, `fail`). A report
 * only moves forward: queued → running → done | failed (a retried job runs a running report again).
 */
@Injectable()
export class SimilarityReports {
  private readonly reports: Repository<SimilarityReport>;
  private readonly pairs: Repository<SimilarityPair>;

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(SimilarityReport);
    this.pairs = dataSource.getRepository(SimilarityPair);
  }

  /**
   * A new queued report for the lab, or the one already queued or running (asking twice while
   * one is on its way starts nothing new). `created` says which.
   */
  async request(mpId: string, requestedBy: string): Promise<{ report: SimilarityReport; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      // One request per lab at a time: the advisory lock orders two staff clicking at once.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('similarity:' || $1))`, [mpId]);
      const reports = tx.getRepository(SimilarityReport);
      const pending = await reports.findOne({ where: { mpId, state: In(['queued', 'running']) }, order: { createdAt: 'DESC' } });
      if (pending) return { report: pending, created: false };
      const report = await reports.save(reports.create({ mpId, requestedBy }));
      const older = await reports.find({
        where: { mpId, id: Not(report.id) },
        order: { createdAt: 'DESC' },
        skip: REPORTS_KEPT_PER_LAB - 1,
      });
      if (older.length) await reports.delete({ id: In(older.map((r) => r.id)) }); // their pairs cascade
      return { report, created: true };
    });
  }

  find(id: string): Promise<SimilarityReport | null> {
    return this.reports.findOneBy({ id });
  }

  /** Newest first. */
  forLab(mpId: string): Promise<SimilarityReport[]> {
    return this.reports.find({ where: { mpId }, order: { createdAt: 'DESC' } });
  }

  /** The newest report of each lab. */
  async latestByLab(): Promise<Map<string, SimilarityReport>> {
    const latest = await this.reports
      .createQueryBuilder('r')
      .distinctOn(['r.mp_id'])
      .orderBy('r.mp_id')
      .addOrderBy('r.created_at', 'DESC')
      .getMany();
    return new Map(latest.map((r) => [r.mpId, r]));
  }

  /** Marks it running with the programs it compares; false when it is gone or already finished. */
  async start(id: string, submissions: SimilaritySubmission[]): Promise<boolean> {
    const result = await this.reports.update(
      { id, state: In(['queued', 'running']) },
      { state: 'running', startedAt: new Date(), submissions, error: null, progress: { phase: 'collecting', done: 0, total: 0 } },
    );
    return (result.affected ?? 0) > 0;
  }

  async progress(id: string, progress: SimilarityProgress): Promise<void> {
    await this.reports.update({ id, state: 'running' }, { progress });
  }

  /**
   * Stores the pairs (replacing any a failed earlier run left) and finishes the report, all at
   * once; `submissions`, when given, replaces the list (programs marked as not analysed).
   */
  async complete(id: string, pairs: NewSimilarityPair[], submissions?: SimilaritySubmission[]): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(SimilarityPair).delete({ reportId: id });
      const repository = tx.getRepository(SimilarityPair);
      for (let i = 0; i < pairs.length; i += 500) {
        await repository.insert(pairs.slice(i, i + 500).map((p) => ({ ...p, reportId: id })));
      }
      await tx.getRepository(SimilarityReport).update(
        { id, state: 'running' },
        {
          state: 'done',
          pairCount: pairs.length,
          finishedAt: new Date(),
          progress: { phase: 'done', done: pairs.length, total: pairs.length },
          ...(submissions ? { submissions } : {}),
        },
      );
    });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.reports.update({ id, state: In(['queued', 'running']) }, { state: 'failed', error, finishedAt: new Date() });
  }

  /** The report's pairs at or above `threshold`, the most similar first, without their fragments. */
  pairsAbove(reportId: string, threshold: number, limit: number): Promise<Omit<SimilarityPair, 'fragments'>[]> {
    return this.pairs.find({
      where: { reportId, similarity: MoreThanOrEqual(threshold) },
      select: { id: true, reportId: true, left: true, right: true, similarity: true, longest: true, overlap: true },
      order: { similarity: 'DESC', longest: 'DESC' },
      take: limit,
    });
  }

  findPair(reportId: string, pairId: string): Promise<SimilarityPair | null> {
    return this.pairs.findOneBy({ reportId, id: pairId });
  }
}
