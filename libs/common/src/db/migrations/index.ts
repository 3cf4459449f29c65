import { InitialSchema1764130000000 } from './1764130000000-initial-schema';
import { GradePassback1764140000000 } from './1764140000000-grade-passback';
import { WorkerHealth1764150000000 } from './1764150000000-worker-health';
import { IncidentClosure1764160000000 } from './1764160000000-incident-closure';
import { UnfinishedAttempts1764170000000 } from './1764170000000-unfinished-attempts';
import { LtiLinks1764180000000 } from './1764180000000-lti-links';
import { ReportBytesAuditLog1764190000000 } from './1764190000000-report-bytes-audit-log';
import { SimilarityReports1764200000000 } from './1764200000000-similarity-reports';
import { DurableSessions1764210000000 } from './1764210000000-durable-sessions';
import { GradedAttempts1764220000000 } from './1764220000000-graded-attempts';
import { RunDurations1764230000000 } from './1764230000000-run-durations';
import { Timings1764250000000 } from './1764250000000-timings';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764130000000,
  GradePassback1764140000000,
  WorkerHealth1764150000000,
  IncidentClosure1764160000000,
  UnfinishedAttempts1764170000000,
  LtiLinks1764180000000,
  ReportBytesAuditLog1764190000000,
  SimilarityReports1764200000000,
  DurableSessions1764210000000,
  GradedAttempts1764220000000,
  RunDurations1764230000000,
  Timings1764250000000,
];
