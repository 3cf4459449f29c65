import { Module } from '@nestjs/common';
import { RecentLogModule } from '@wb/common';
import { gatewayLog } from './gateway-log';
import { LogController } from './log.controller';

@Module({ imports: [RecentLogModule.with(gatewayLog)], controllers: [LogController] })
export class LogModule {}
