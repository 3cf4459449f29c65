import { Module } from '@nestjs/common';
import { AttemptsRepository, GradesRepository } from '@wb/common';
import { GraderQueuesModule } from '../grader-queues.module';
import { GradeProcessor } from './grade.processor';
import { GradingService } from './grading.service';

@Module({ imports: [GraderQueuesModule], providers: [GradingService, GradeProcessor, AttemptsRepository, GradesRepository] })
export class GradingModule {}
