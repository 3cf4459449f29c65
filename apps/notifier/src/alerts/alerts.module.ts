import { Module } from '@nestjs/common';
import { IncidentsRepository, QUEUE, QueuesModule } from '@wb/common';
import { AlertDigestService } from './alert-digest.service';
import { AlertQueue } from './alert-queue';
import { AlertsProcessor } from './alerts.processor';
import { Mailer } from './mailer';

@Module({
  imports: [QueuesModule.register(QUEUE.alerts)],
  providers: [AlertQueue, Mailer, IncidentsRepository, AlertDigestService, AlertsProcessor],
  exports: [AlertQueue],
})
export class AlertsModule {}
