import { Module } from '@nestjs/common';
import { UsersRepository } from '@wb/common';
import { ApiKeySealer } from '../auth/api-keys';
import { SessionsRepository } from '../auth/sessions.repository';
import { SessionsService } from '../auth/sessions.service';
import { OAuthProvider } from './oauth-provider';
import { OAuthStateStore } from './oauth-state-store';
import { OAuthUsers } from './oauth-users';
import { OAuthController } from './oauth.controller';

/** Sessions, key sealing and the tables' repositories are stateless over Redis, Postgres and the config, so this module has its own. */
@Module({
  controllers: [OAuthController],
  providers: [OAuthProvider, OAuthStateStore, OAuthUsers, UsersRepository, SessionsService, SessionsRepository, ApiKeySealer],
  // LTI launches sign users in the same way: found by an outside identity, given a session.
  exports: [OAuthUsers, SessionsService],
})
export class OAuthModule {}
