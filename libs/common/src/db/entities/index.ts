import { ArchivedProgram } from './archived-program.entity';
import { Attempt } from './attempt.entity';
import { AuditEntry } from './audit-entry.entity';
import { Grade } from './grade.entity';
import { GradeOverride } from './grade-override.entity';
import { Incident } from './incident.entity';
import { LtiLink } from './lti-link.entity';
import { Program } from './program.entity';
import { Session } from './session.entity';
import { SimilarityPair } from './similarity-pair.entity';
import { SimilarityReport } from './similarity-report.entity';
import { LeaderboardName, Timing } from './timing.entity';
import { User } from './user.entity';
import { WorkerProbe } from './worker-probe.entity';
import { WorkerRecord } from './worker.entity';

export * from './archived-program.entity';
export * from './attempt.entity';
export * from './audit-entry.entity';
export * from './grade.entity';
export * from './grade-override.entity';
export * from './incident.entity';
export * from './lti-link.entity';
export * from './program.entity';
export * from './session.entity';
export * from './similarity-pair.entity';
export * from './similarity-report.entity';
export * from './timing.entity';
export * from './user.entity';
export * from './worker-probe.entity';
export * from './worker.entity';

export const ENTITIES = [
  User,
  Program,
  Attempt,
  Grade,
  GradeOverride,
  WorkerRecord,
  WorkerProbe,
  Incident,
  LtiLink,
  AuditEntry,
  SimilarityReport,
  SimilarityPair,
  ArchivedProgram,
  Session,
  Timing,
  LeaderboardName,
];
