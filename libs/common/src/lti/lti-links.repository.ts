import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { LtiLink } from '../db/entities/lti-link.entity';

/** Where a launch says a student's grade for a lab goes. */
export type LtiLinkTarget = Pick<LtiLink, 'userId' | 'mpId' | 'outcomeUrl' | 'sourcedid'>;

/**
 * The `lti_links` table: the only class that writes it (the gateway, on each graded launch), and
 * the one that reads it (the grader, to pass a grade back). One row per student and lab, written
 * by one upsert, so the latest launch wins even when two launches race.
 */
@Injectable()
export class LtiLinksRepository {
  private readonly links: Repository<LtiLink>;

  constructor(dataSource: DataSource) {
    this.links = dataSource.getRepository(LtiLink);
  }

  /** Records the launch's outcome service and sourcedid in place of any earlier launch's. */
  async upsertLatest(link: LtiLinkTarget): Promise<void> {
    await this.links
      .createQueryBuilder()
      .insert()
      .values({ ...link, updatedAt: new Date() })
      .orUpdate(['outcome_url', 'sourcedid', 'updated_at'], ['user_id', 'mp_id'])
      .execute();
  }

  find(userId: string, mpId: string): Promise<LtiLink | null> {
    return this.links.findOneBy({ userId, mpId });
  }
}
