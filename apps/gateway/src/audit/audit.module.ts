import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';

@Module({
  controllers: [AuditLogController],
  providers: [AuditLog, AuditLogRepository],
  exports: [AuditLog],
})
export class AuditModule {}
