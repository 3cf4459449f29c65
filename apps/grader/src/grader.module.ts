import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';
import { GradingModule } from './grading/grading.module';
import { PassbackModule } from './passback/passback.module';
import { SimilarityModule } from './similarity/similarity.module';

/**
 * Scores grade attempts (`grade`), sends grades to the course platform (`passback`) and computes
 * staff's similarity reports (`similarity`).
 */
@Module({
  imports: [ConfigModule.forApp('grader'), DatabaseModule, RedisModule, CatalogueModule, GradingModule, PassbackModule, SimilarityModule],
})
export class GraderModule {}
