import { LtiLink, LtiLinkTarget, LtiLinksRepository } from '@wb/common';
import type { PublicOf } from './public-of';

/** The lti_links table in memory, for {@link LtiLinksRepository}'s callers' unit tests: one row per user and lab, the latest launch's. */
export class FakeLtiLinksRepository implements PublicOf<LtiLinksRepository> {
  readonly rows = new Map<string, LtiLink>();

  get repository(): LtiLinksRepository {
    return this as unknown as LtiLinksRepository;
  }

  async upsertLatest(link: LtiLinkTarget): Promise<void> {
    this.rows.set(key(link.userId, link.mpId), { ...link, updatedAt: new Date() });
  }

  async find(userId: string, mpId: string): Promise<LtiLink | null> {
    const link = this.rows.get(key(userId, mpId));
    return link ? { ...link } : null;
  }
}

function key(userId: string, mpId: string): string {
  return `${userId}/${mpId}`;
}
