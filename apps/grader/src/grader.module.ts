import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, MetricsModule, QUEUE, RedisModule } from '@wb/common';
import { HealthProbesModule, storeReadiness } from '@wb/common/health';
import { GradingModule } from './grading/grading.module';
import { PassbackModule } from './passback/passback.module';
import { SimilarityModule } from './similarity/similarity.module';

/**
 * Scores grade attempts (`grade`), sends grades to the course platform (`passback`) and computes
 * staff's similarity reports (`similarity`); `GET /metrics` on METRICS_PORT when it is set, and
 * there the health probes: ready while Postgres and Redis answer and grading keeps up (not
 * passback, whose retries wait hours for a course platform that is down, nor similarity, whose
 * reports queue one behind the other).
 */
@Module({
  imports: [
    ConfigModule.forApp('grader'),
    DatabaseModule,
    RedisModule,
    CatalogueModule,
    MetricsModule.ownServer('grader'),
    HealthProbesModule.forApp({ routes: false }),
    GradingModule,
    PassbackModule,
    SimilarityModule,
  ],
  providers: [storeReadiness(QUEUE.grade)],
})
export class GraderModule {}
