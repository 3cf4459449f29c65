import { Module } from '@nestjs/common';
import { AttemptsRepository } from '@wb/common';
import { GraderQueuesModule } from '../grader-queues.module';
import { GradeProcessor } from './grade.processor';
import { GradingService } from './grading.service';

@Module({ imports: [GraderQueuesModule], providers: [GradingService, GradeProcessor, AttemptsRepository] })
export class GradingModule {}
