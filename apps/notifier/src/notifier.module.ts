import { Module } from '@nestjs/common';
import { CatalogueModule, ConfigModule, DatabaseModule, RedisModule } from '@wb/common';

/** The notifier's infrastructure. Its `health` probes and `alerts` are issue #8's work. */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, CatalogueModule] })
export class NotifierModule {}
