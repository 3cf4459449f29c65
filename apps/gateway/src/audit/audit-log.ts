import { Injectable } from '@nestjs/common';
import { AuditEntry } from '@wb/common';
import { AuditLogRepository } from './audit-log.repository';
import type { RequestUser } from '../auth/authenticated-request';

/** Staff actions that change what a student sees, recorded in `audit_log` through its repository. */
@Injectable()
export class AuditLog {
  constructor(private readonly entries: AuditLogRepository) {}

  async record(actor: RequestUser, action: string, subject: string, detail = ''): Promise<void> {
    await this.entries.insert({ actorId: actor.id, action, subject, detail });
  }

  /** Newest first. */
  recent(limit = 100): Promise<AuditEntry[]> {
    return this.entries.newest(limit);
  }
}
