import { Module } from '@nestjs/common';
import { LabsService } from './labs.service';

/**
 * The lab lookup every lab route needs (an unknown lab is a 404), on its own so that a feature
 * can import it without importing the labs routes and what they depend on.
 */
@Module({ providers: [LabsService], exports: [LabsService] })
export class LabLookupModule {}
