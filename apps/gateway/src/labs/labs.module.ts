import { Global, Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { PagesModule } from '../pages/pages.module';
import { ProgramsModule } from '../programs/programs.module';
import { WorkersModule } from '../workers/workers.module';
import { DescriptionRenderer } from './description-renderer';
import { LabsController } from './labs.controller';
import { LabsService } from './labs.service';

@Global()
@Module({
  imports: [ProgramsModule, AttemptsModule, PagesModule, WorkersModule],
  controllers: [LabsController],
  providers: [LabsService, DescriptionRenderer],
  exports: [LabsService],
})
export class LabsModule {}
