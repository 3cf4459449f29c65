import { Module } from '@nestjs/common';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { AnalysisController } from './analysis.controller';
import { AnalysisLimiter } from './analysis-limiter';
import { AnalysisService } from './analysis.service';

@Module({
  imports: [LabLookupModule, SubmissionsModule],
  controllers: [AnalysisController],
  providers: [AnalysisService, AnalysisLimiter],
})
export class AnalysisModule {}
