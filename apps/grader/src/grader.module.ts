import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';

/** The grader's infrastructure. Its `grade` and `passback` consumers are issue #7's work. */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, CatalogueModule] })
export class GraderModule {}
