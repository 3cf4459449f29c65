import { Module } from '@nestjs/common';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

@Module({ imports: [LabLookupModule], controllers: [ProgramsController], providers: [ProgramsService], exports: [ProgramsService] })
export class ProgramsModule {}
