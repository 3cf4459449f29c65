import { Module } from '@nestjs/common';
import { ErrorPagesController } from './error-pages.controller';

@Module({ controllers: [ErrorPagesController] })
export class ErrorPagesModule {}
