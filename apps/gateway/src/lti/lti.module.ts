import { Module } from '@nestjs/common';
import { LtiLinksRepository, UsersRepository } from '@wb/common';
import { AuditModule } from '../audit/audit.module';
import { OAuthModule } from '../oauth/oauth.module';
import { LtiLaunchService } from './lti-launch.service';
import { LtiLaunchVerifier } from './lti-launch-verifier';
import { LtiController } from './lti.controller';

/** Sign-in from the course platform (LTI 1.1 launches), which also says where grades go. */
@Module({
  imports: [OAuthModule, AuditModule],
  controllers: [LtiController],
  providers: [LtiLaunchVerifier, LtiLaunchService, UsersRepository, LtiLinksRepository],
})
export class LtiModule {}
