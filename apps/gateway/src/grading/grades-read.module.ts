import { Module } from '@nestjs/common';
import { GradesRepository } from '@wb/common';
import { GradesReader } from './grades-reader';

/** Reading the grades the grader writes, for the grading routes and the labs list alike. */
@Module({ providers: [GradesReader, GradesRepository], exports: [GradesReader] })
export class GradesReadModule {}
