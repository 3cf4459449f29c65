import { Module } from '@nestjs/common';
import { RecentLogModule } from '@wb/common';
import { gatewayLog } from './gateway-log';
import { LogController } from './log.controller';
import { LogPageController } from './log-page.controller';

@Module({ imports: [RecentLogModule.with(gatewayLog)], controllers: [LogController, LogPageController] })
export class LogModule {}
