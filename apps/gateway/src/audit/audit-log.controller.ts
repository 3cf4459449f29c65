import { Controller, Get } from '@nestjs/common';
import { SessionAuth } from '../auth/auth.decorators';
import { AuditLog } from './audit-log';

/** What staff did that changed what students see, newest first. */
@Controller('staff/audit-log')
@SessionAuth('staff', 'admin')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  recent() {
    return this.audit.recent();
  }
}
