import { Module } from '@nestjs/common';
import { UsersRepository } from '@wb/common';
import { ApiKeySealer } from '../auth/api-keys';
import { AuthModule } from '../auth/auth.module';
import { OAuthProvider } from './oauth-provider';
import { OAuthStateStore } from './oauth-state-store';
import { OAuthUsers } from './oauth-users';
import { OAuthController } from './oauth.controller';

/**
 * Key sealing and the users table's repository are stateless over Postgres and the config, so this
 * module has its own; sessions are AuthModule's (one memo of sessions per process).
 */
@Module({
  imports: [AuthModule],
  controllers: [OAuthController],
  providers: [OAuthProvider, OAuthStateStore, OAuthUsers, UsersRepository, ApiKeySealer],
  // LTI launches sign users in the same way: found by an outside identity, given a session.
  exports: [OAuthUsers, AuthModule],
})
export class OAuthModule {}
