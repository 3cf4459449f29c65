import { Module } from '@nestjs/common';
import { QueuesModule, TIMING_QUEUES, TimingQueues } from '@wb/common';
import { AuditModule } from '../audit/audit.module';
import { LabLookupModule } from '../labs/lab-lookup.module';
import { TimingDesk } from './timing-desk.service';
import { TimingsController } from './timings.controller';
import { TimingsRepository } from './timings.repository';

/** Timed runs and leaderboards: the gateway produces to the `time-<toolchain>` queues, workers time and report. */
@Module({
  imports: [AuditModule, LabLookupModule, QueuesModule.register(...TIMING_QUEUES)],
  controllers: [TimingsController],
  providers: [TimingDesk, TimingsRepository, TimingQueues.provider],
})
export class TimingModule {}
