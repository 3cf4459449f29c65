import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';
import { GradingModule } from './grading/grading.module';
import { PassbackModule } from './passback/passback.module';

/** Scores grade attempts (`grade`) and sends grades to the course platform (`passback`). */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, CatalogueModule, GradingModule, PassbackModule] })
export class GraderModule {}
