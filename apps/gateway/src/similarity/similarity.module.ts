import { Module } from '@nestjs/common';
import { ArchivedPrograms, QUEUE, QueuesModule, SimilarityQueue, SimilarityReports } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { SimilarityDesk } from './similarity-desk.service';
import { SimilarityPagesController } from './similarity-pages.controller';
import { StaffSimilarityController } from './staff-similarity.controller';

/** Staff's similarity reports: the gateway asks (it produces `similarity`), the grader computes. */
@Module({
  imports: [AttemptsModule, QueuesModule.register(QUEUE.similarity)],
  controllers: [StaffSimilarityController, SimilarityPagesController],
  providers: [SimilarityDesk, SimilarityReports, ArchivedPrograms, SimilarityQueue],
})
export class SimilarityModule {}
