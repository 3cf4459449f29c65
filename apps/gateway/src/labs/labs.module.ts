import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { GradesReadModule } from '../grading/grades-read.module';
import { ProgramsModule } from '../programs/programs.module';
import { WorkersModule } from '../workers/workers.module';
import { DescriptionRenderer } from './description-renderer';
import { LabsController } from './labs.controller';
import { LabsPageController } from './labs-page.controller';
import { LabLookupModule } from './lab-lookup.module';

@Module({
  imports: [LabLookupModule, ProgramsModule, AttemptsModule, GradesReadModule, WorkersModule],
  controllers: [LabsController, LabsPageController],
  providers: [DescriptionRenderer],
})
export class LabsModule {}
