import { Module } from '@nestjs/common';
import { AppConfig, GradesRepository, LtiLinksRepository, UsersRepository } from '@wb/common';
import { GraderQueuesModule } from '../grader-queues.module';
import { Lti11Adapter } from './lti11/lti11-adapter';
import { Lti13Adapter } from './lti13/lti13-adapter';
import { PASSBACK_ADAPTER, PassbackAdapter, PassbackRefused } from './passback-adapter';
import { PassbackProcessor } from './passback.processor';
import { PassbackService } from './passback.service';

/** Without a configured platform every send is refused at once, with the reason on the grade. */
const notConfigured: PassbackAdapter = {
  send: () => Promise.reject(new PassbackRefused('grade passback is not configured on this server (PASSBACK_MODE=none)')),
};

@Module({
  imports: [GraderQueuesModule],
  providers: [
    PassbackService,
    PassbackProcessor,
    GradesRepository,
    UsersRepository,
    LtiLinksRepository,
    Lti11Adapter,
    Lti13Adapter,
    {
      provide: PASSBACK_ADAPTER,
      inject: [AppConfig, Lti11Adapter, Lti13Adapter],
      useFactory: (config: AppConfig, lti11: Lti11Adapter, lti13: Lti13Adapter): PassbackAdapter =>
        ({ lti11, lti13, none: notConfigured })[config.PASSBACK_MODE],
    },
  ],
})
export class PassbackModule {}
