import { Injectable } from '@nestjs/common';
import { AuditEntry, User } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

/** The one writer of `audit_log`: staff actions that change what a student sees. */
@Injectable()
export class AuditLog {
  private readonly entries: Repository<AuditEntry>;

  constructor(dataSource: DataSource) {
    this.entries = dataSource.getRepository(AuditEntry);
  }

  async record(actor: User, action: string, subject: string, detail = ''): Promise<void> {
    await this.entries.insert({ actorId: actor.id, action, subject, detail });
  }

  /** Newest first. */
  recent(limit = 100): Promise<AuditEntry[]> {
    return this.entries.find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
