import { Module } from '@nestjs/common';
import {
  ArchivedPrograms,
  AttemptsRepository,
  CountingGrades,
  GradesRepository,
  QUEUE,
  QueuesModule,
  SimilarityReports,
  UsersRepository,
} from '@wb/common';
import { DEFAULT_ANALYSIS_OPTIONS, SimilarityAnalysis } from './similarity-analysis';
import { SimilarityProcessor } from './similarity.processor';
import { SimilarityService } from './similarity.service';

/** Similarity reports: the grader consumes `similarity` (the gateway produces it when staff ask). */
@Module({
  imports: [QueuesModule.register(QUEUE.similarity)],
  providers: [
    SimilarityProcessor,
    SimilarityService,
    SimilarityReports,
    ArchivedPrograms,
    CountingGrades,
    UsersRepository,
    AttemptsRepository,
    GradesRepository,
    { provide: SimilarityAnalysis, useFactory: () => new SimilarityAnalysis(DEFAULT_ANALYSIS_OPTIONS) },
  ],
})
export class SimilarityModule {}
