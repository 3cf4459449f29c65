import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { RunControlModule } from '../run-control/run-control.module';
import { GradesReader } from './grades-reader';
import { PagesController } from './pages.controller';
import { StaffPagesController } from './staff-pages.controller';

@Module({
  imports: [AttemptsModule, RunControlModule],
  controllers: [PagesController, StaffPagesController],
  providers: [GradesReader],
  exports: [GradesReader],
})
export class PagesModule {}
