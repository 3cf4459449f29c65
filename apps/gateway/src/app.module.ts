import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';
import { AnalysisModule } from './analysis/analysis.module';
import { AttemptsModule } from './attempts/attempts.module';
import { AuthModule } from './auth/auth.module';
import { DownloadsModule } from './downloads/downloads.module';
import { GradingModule } from './grading/grading.module';
import { HealthModule } from './health/health.module';
import { ErrorPagesModule } from './http/error-pages.module';
import { LabsModule } from './labs/labs.module';
import { OAuthModule } from './oauth/oauth.module';
import { LogModule } from './log/log.module';
import { LtiModule } from './lti/lti.module';
import { GatewayMetricsModule } from './metrics/gateway-metrics.module';
import { ProgramsModule } from './programs/programs.module';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { RunControlModule } from './run-control/run-control.module';
import { SimilarityModule } from './similarity/similarity.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TimingModule } from './timing/timing.module';
import { WorkersModule } from './workers/workers.module';

@Module({
  imports: [
    ConfigModule.forApp('gateway'),
    DatabaseModule,
    RedisModule,
    CatalogueModule,
    LabsModule,
    AuthModule,
    DownloadsModule,
    ProgramsModule,
    SubmissionsModule,
    AnalysisModule,
    AttemptsModule,
    WorkersModule,
    HealthModule,
    ErrorPagesModule,
    LogModule,
    GatewayMetricsModule,
    GradingModule,
    OAuthModule,
    LtiModule,
    RunControlModule,
    QueueBoardModule,
    SimilarityModule,
    TimingModule,
  ],
})
export class AppModule {}
