import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersRepository } from '@wb/common';
import { ApiKeySealer } from './api-keys';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { LoginThrottle } from './login-throttle';
import { SignupThrottle } from './signup-throttle';
import { SessionsRepository } from './sessions.repository';
import { SessionMemo } from './session-memo';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';
import { WhoamiController } from './whoami.controller';

@Module({
  controllers: [AuthController, WhoamiController],
  providers: [
    UsersService,
    UsersRepository,
    SessionsService,
    SessionMemo,
    SessionsRepository,
    LoginThrottle,
    SignupThrottle,
    ApiKeySealer,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, SessionsService],
})
export class AuthModule {}
