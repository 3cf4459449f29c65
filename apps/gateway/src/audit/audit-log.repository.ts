import { Injectable } from '@nestjs/common';
import { AuditEntry } from '@wb/common';
import { DataSource, Repository } from 'typeorm';

/** What an entry records; its id and time are the database's. */
export type NewAuditEntry = Pick<AuditEntry, 'actorId' | 'action' | 'subject' | 'detail'>;

/** The `audit_log` table: the only class that writes it (insert only, entries never change), and the one that reads it. */
@Injectable()
export class AuditLogRepository {
  private readonly entries: Repository<AuditEntry>;

  constructor(dataSource: DataSource) {
    this.entries = dataSource.getRepository(AuditEntry);
  }

  async insert(entry: NewAuditEntry): Promise<void> {
    await this.entries.insert(entry);
  }

  /** Newest first (audit_log_created). */
  newest(limit: number): Promise<AuditEntry[]> {
    return this.entries.find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
