import { Module } from '@nestjs/common';
import {
  AttemptReports,
  AttemptsRepository,
  GradeQueue,
  IncidentsRepository,
  QUEUE,
  QueuesModule,
  RunQueue,
  WorkerApiClient,
  WorkerProbesRepository,
  WorkersRepository,
} from '@wb/common';
import { AlertsModule } from '../alerts/alerts.module';
import { HealthRoundService } from './health-round.service';
import { HealthScheduler } from './health-scheduler';
import { HealthProcessor } from './health.processor';
import { IncidentsService } from './incidents.service';
import { QueueWatchService } from './queue-watch.service';
import { StrandedAttemptsService } from './stranded-attempts.service';
import { UngradedAttemptsService } from './ungraded-attempts.service';
import { WorkerHealthService } from './worker-health.service';
import { WorkerLogTail } from './worker-log-tail';
import { WorkerProber } from './worker-prober';

@Module({
  imports: [AlertsModule, QueuesModule.withRunQueues(QUEUE.health, QUEUE.grade)],
  providers: [
    WorkerApiClient,
    WorkerProber,
    WorkerLogTail,
    WorkersRepository,
    WorkerProbesRepository,
    IncidentsRepository,
    IncidentsService,
    WorkerHealthService,
    QueueWatchService,
    RunQueue,
    GradeQueue,
    AttemptsRepository,
    AttemptReports,
    StrandedAttemptsService,
    UngradedAttemptsService,
    HealthRoundService,
    HealthScheduler,
    HealthProcessor,
  ],
})
export class HealthModule {}
