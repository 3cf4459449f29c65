import { Injectable, Logger } from '@nestjs/common';
import {
  ArchivedPrograms,
  CatalogueService,
  CountingGrades,
  SimilarityProgress,
  SimilarityReports,
  SimilaritySubmission,
} from '@wb/common';
import { AnalysisProgress } from './analysis-protocol';
import { SimilarityAnalysis } from './similarity-analysis';

/** Pairs less similar than this are not kept: below it, programs share only what any two solutions share. */
export const SIMILARITY_FLOOR = 0.25;
/** The most similar pairs a report keeps (with 500 programs there are 124,750 pairs). */
export const MAX_PAIRS = 2_000;
/** Progress is written to the report at most this often. */
const PROGRESS_WRITE_MS = 500;

/**
 * Computes a similarity report: every student's counting program of the lab against every other
 * and against earlier terms' programs, the template set aside; the kept pairs go to the report.
 */
@Injectable()
export class SimilarityService {
  private readonly logger = new Logger(SimilarityService.name);

  constructor(
    private readonly reports: SimilarityReports,
    private readonly countingGrades: CountingGrades,
    private readonly archived: ArchivedPrograms,
    private readonly catalogue: CatalogueService,
    private readonly analysis: SimilarityAnalysis,
  ) {}

  /** Throws when the analysis fails (BullMQ retries); `fail` records the last failure on the report. */
  async compute(reportId: string, onProgress: (progress: SimilarityProgress) => void): Promise<void> {
    const report = await this.reports.find(reportId);
    if (!report || report.state === 'done' || report.state === 'failed') return; // deleted, or a redelivered job
    const mp = this.catalogue.find(report.mpId);
    if (!mp) return this.reports.fail(reportId, `the lab "${report.mpId}" is no longer in the catalogue`);

    const students = await this.countingGrades.programs(mp);
    const earlier = await this.archived.forLab(mp.config.id);
    const submissions: SimilaritySubmission[] = [
      ...students.map((s) => ({ kind: 'student' as const, label: s.username, userId: s.userId, attemptId: s.attemptId })),
      ...earlier.map((a) => ({ kind: 'archived' as const, label: `${a.term}/${a.author}`, archivedProgramId: a.id })),
    ];
    if (!(await this.reports.start(reportId, submissions))) return;
    if (students.length === 0 || submissions.length < 2) return this.reports.complete(reportId, []);

    let writtenAt = 0;
    const progress = (p: AnalysisProgress) => {
      onProgress(p);
      if (Date.now() - writtenAt < PROGRESS_WRITE_MS) return;
      writtenAt = Date.now();
      this.reports.progress(reportId, p).catch((e: Error) => this.logger.warn(`progress of report ${reportId} not written: ${e.message}`));
    };
    const started = performance.now();
    const { pairs, unanalysed } = await this.analysis.run(
      {
        programs: [
          ...students.map((s) => ({ text: s.program, archived: false })),
          ...earlier.map((a) => ({ text: a.program, archived: true })),
        ],
        template: mp.template,
        floor: SIMILARITY_FLOOR,
        maxPairs: MAX_PAIRS,
      },
      progress,
    );
    const saving: SimilarityProgress = { phase: 'saving', done: 0, total: pairs.length };
    onProgress(saving);
    await this.reports.progress(reportId, saving);
    for (const { program, reason } of unanalysed) submissions[program] = { ...submissions[program], unanalysed: reason };
    await this.reports.complete(reportId, pairs, unanalysed.length ? submissions : undefined);
    this.logger.log(
      `similarity report ${reportId} (${mp.config.id}): ${submissions.length} programs, ${pairs.length} pairs kept, ${unanalysed.length} not analysed, ${Math.round(performance.now() - started)} ms`,
    );
  }

  fail(reportId: string, error: string): Promise<void> {
    return this.reports.fail(reportId, error);
  }
}
