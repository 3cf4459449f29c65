import { Module } from '@nestjs/common';
import { CountingGrades, GradesRepository, UsersRepository } from '@wb/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { ProgramsModule } from '../programs/programs.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { GradePagesController } from './grade-pages.controller';
import { GradesReadModule } from './grades-read.module';
import { GradingQueuesModule } from './grading-queues.module';
import { GradingController } from './grading.controller';
import { GradingService } from './grading.service';
import { StaffGradesController } from './staff/staff-grades.controller';
import { StaffGradesPagesController } from './staff/staff-grades-pages.controller';
import { StaffGradesService } from './staff/staff-grades.service';

@Module({
  imports: [AttemptsModule, LabLookupModule, SubmissionsModule, ProgramsModule, GradesReadModule, GradingQueuesModule],
  controllers: [GradingController, StaffGradesController, StaffGradesPagesController, GradePagesController],
  providers: [GradingService, StaffGradesService, CountingGrades, GradesRepository, UsersRepository],
})
export class GradingModule {}
