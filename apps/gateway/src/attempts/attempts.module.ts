import { Module } from '@nestjs/common';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';

@Module({ controllers: [AttemptsController], providers: [AttemptsService, AttemptNotifier], exports: [AttemptsService] })
export class AttemptsModule {}
