import { Module } from '@nestjs/common';
import { AttemptsModule } from '../attempts/attempts.module';
import { ProgramsModule } from '../programs/programs.module';
import { PagesController } from './pages.controller';

@Module({ imports: [ProgramsModule, AttemptsModule], controllers: [PagesController] })
export class PagesModule {}
