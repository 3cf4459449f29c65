import { AuditEntry } from '@wb/common';
import { randomUUID } from 'node:crypto';
import type { AuditLogRepository, NewAuditEntry } from '../../apps/gateway/src/audit/audit-log.repository';
import type { PublicOf } from './public-of';

/** The audit_log table in memory, for {@link AuditLogRepository}'s callers' unit tests. */
export class FakeAuditLogRepository implements PublicOf<AuditLogRepository> {
  /** In the order they were recorded. */
  readonly entries: AuditEntry[] = [];

  get repository(): AuditLogRepository {
    return this as unknown as AuditLogRepository;
  }

  async insert(entry: NewAuditEntry): Promise<void> {
    this.entries.push({ id: randomUUID(), ...entry, createdAt: new Date() });
  }

  async newest(limit: number): Promise<AuditEntry[]> {
    return [...this.entries].reverse().slice(0, limit);
  }
}
