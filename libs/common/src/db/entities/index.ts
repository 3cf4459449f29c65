import { Attempt } from './attempt.entity';
import { Grade } from './grade.entity';
import { Program } from './program.entity';
import { User } from './user.entity';
import { WorkerRecord } from './worker.entity';

export * from './attempt.entity';
export * from './grade.entity';
export * from './program.entity';
export * from './user.entity';
export * from './worker.entity';

export const ENTITIES = [User, Program, Attempt, Grade, WorkerRecord];
