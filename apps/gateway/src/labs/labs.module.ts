import { Global, Module } from '@nestjs/common';
import { LabsService } from './labs.service';

@Global()
@Module({ providers: [LabsService], exports: [LabsService] })
export class LabsModule {}
