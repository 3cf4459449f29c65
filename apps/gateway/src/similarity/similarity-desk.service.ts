import { HttpStatus, Injectable } from '@nestjs/common';
import {
  ApiError,
  ArchivedPrograms,
  ArchivedTerm,
  AttemptsRepository,
  CatalogueService,
  Mp,
  SimilarityFragment,
  SimilarityQueue,
  SimilarityReport,
  SimilarityReports,
  SimilaritySubmission,
} from '@wb/common';
import { isUUID } from 'class-validator';
import { ArchiveUpload } from './archive-upload';
import type { RequestUser } from '../auth/authenticated-request';

/** Pairs a report view lists at most (the CSV has them all). */
const PAIRS_SHOWN = 500;

export interface ReportSummary {
  id: string;
  mpId: string;
  state: SimilarityReport['state'];
  progress: SimilarityReport['progress'];
  programs: number;
  /** Of those, from earlier terms. */
  archived: number;
  pairsKept: number;
  /** Programs the analysis could not read (compared with nothing), and why. */
  unanalysed: { label: string; reason: string }[];
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface PairRow {
  id: string;
  left: SimilaritySubmission;
  right: SimilaritySubmission;
  similarity: number;
  longest: number;
  overlap: number;
}

export interface PairDetail extends PairRow {
  leftProgram: string | null;
  rightProgram: string | null;
  fragments: SimilarityFragment[];
}

/**
 * Staff's side of similarity reports: ask for one (the grader computes it), read it as pairs
 * above a threshold, open one pair with both programs; and the earlier terms' programs that
 * reports compare against.
 */
@Injectable()
export class SimilarityDesk {
  constructor(
    private readonly reports: SimilarityReports,
    private readonly archived: ArchivedPrograms,
    private readonly queue: SimilarityQueue,
    private readonly catalogue: CatalogueService,
    private readonly attempts: AttemptsRepository,
  ) {}

  find(mpId: string): Mp {
    const mp = this.catalogue.find(mpId);
    if (!mp) throw new ApiError(HttpStatus.NOT_FOUND, `there is no lab "${mpId}"`);
    return mp;
  }

  /** A new report for the lab, or the one already on its way; `created` says which. */
  async request(mp: Mp, staff: RequestUser): Promise<{ report: ReportSummary; created: boolean }> {
    const { report, created } = await this.reports.request(mp.config.id, staff.id);
    // Enqueued again when it already was: the job id is the report id, so that adds nothing, and
    // it heals a request whose enqueue was lost (Redis down between the row and the job).
    await this.queue.enqueue(report.id);
    return { report: summary(report), created };
  }

  async list(mp: Mp): Promise<ReportSummary[]> {
    return (await this.reports.forLab(mp.config.id)).map(summary);
  }

  async latestByLab(): Promise<Map<string, ReportSummary>> {
    return new Map([...(await this.reports.latestByLab())].map(([mpId, r]) => [mpId, summary(r)]));
  }

  async report(mp: Mp, reportId: string): Promise<SimilarityReport> {
    const report = isUUID(reportId) ? await this.reports.find(reportId) : null;
    if (!report || report.mpId !== mp.config.id)
      throw new ApiError(HttpStatus.NOT_FOUND, `no similarity report ${reportId} for "${mp.config.id}"`);
    return report;
  }

  /** The report and its pairs at or above `threshold` (none until it is done): what its page and JSON show. */
  async view(mp: Mp, reportId: string, threshold: number): Promise<{ report: ReportSummary; pairs: PairRow[] }> {
    const report = await this.report(mp, reportId);
    return { report: summary(report), pairs: report.state === 'done' ? await this.pairs(report, threshold) : [] };
  }

  /** The report's pairs at or above the threshold, the most similar first; `limit` null: all kept. */
  async pairs(report: SimilarityReport, threshold: number, limit: number | null = PAIRS_SHOWN): Promise<PairRow[]> {
    const pairs = await this.reports.pairsAbove(report.id, threshold, limit ?? report.pairCount);
    return pairs.map((p) => ({
      id: p.id,
      left: report.submissions[p.left],
      right: report.submissions[p.right],
      similarity: p.similarity,
      longest: p.longest,
      overlap: p.overlap,
    }));
  }

  async pair(report: SimilarityReport, pairId: string): Promise<PairDetail> {
    const pair = isUUID(pairId) ? await this.reports.findPair(report.id, pairId) : null;
    if (!pair) throw new ApiError(HttpStatus.NOT_FOUND, `no pair ${pairId} in similarity report ${report.id}`);
    const left = report.submissions[pair.left];
    const right = report.submissions[pair.right];
    const [leftProgram, rightProgram] = await Promise.all([this.program(left), this.program(right)]);
    return {
      id: pair.id,
      left,
      right,
      similarity: pair.similarity,
      longest: pair.longest,
      overlap: pair.overlap,
      leftProgram,
      rightProgram,
      fragments: pair.fragments,
    };
  }

  terms(mp: Mp): Promise<ArchivedTerm[]> {
    return this.archived.terms(mp.config.id);
  }

  archivedCountByLab(): Promise<Map<string, number>> {
    return this.archived.countByLab();
  }

  importTerm(mp: Mp, upload: ArchiveUpload, staff: RequestUser): Promise<{ added: number; replaced: number }> {
    return this.archived.import(mp.config.id, upload.term, upload.programs, staff.id);
  }

  async removeTerm(mp: Mp, term: string): Promise<number> {
    const removed = await this.archived.removeTerm(mp.config.id, term);
    if (!removed) throw new ApiError(HttpStatus.NOT_FOUND, `no programs of term "${term}" for "${mp.config.id}"`);
    return removed;
  }

  /** The program as it was compared: attempts never change; an archived one may have been removed or re-imported. */
  private async program(submission: SimilaritySubmission): Promise<string | null> {
    if (submission.attemptId) return this.attempts.programOf(submission.attemptId);
    if (submission.archivedProgramId) return (await this.archived.findById(submission.archivedProgramId))?.program ?? null;
    return null;
  }
}

function summary(report: SimilarityReport): ReportSummary {
  return {
    id: report.id,
    mpId: report.mpId,
    state: report.state,
    progress: report.progress,
    programs: report.submissions.length,
    archived: report.submissions.filter((s) => s.kind === 'archived').length,
    pairsKept: report.pairCount,
    unanalysed: report.submissions.flatMap((s) => (s.unanalysed ? [{ label: s.label, reason: s.unanalysed }] : [])),
    error: report.error,
    createdAt: report.createdAt,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
  };
}
