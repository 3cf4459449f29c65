import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SessionAuth } from '../auth/auth.decorators';
import { AuditLog } from './audit-log';

/** What staff did that changed what students see, newest first. */
@ApiTags('staff-runs')
@Controller('staff/audit-log')
@SessionAuth('staff', 'admin')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'What staff did that changed what students see, newest first' })
  @ApiOkResponse({
    description:
      'The newest 100 entries: who, when, the action (`attempt.cancel`, `dead_letter.replay`, `dead_letter.discard`, `role.staff`), what it was done to and why.',
  })
  recent() {
    return this.audit.recent();
  }
}
