import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a student's grade for one lab goes under LTI 1.1: the course platform names the outcome
 * service and the result's sourcedid in each launch of the lab's link (Coursera, an LMS), and the
 * latest launch is what counts.
 */
@Entity('lti_links')
export class LtiLink {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  @Column({ name: 'outcome_url', type: 'text' })
  outcomeUrl!: string;

  @Column({ type: 'text' })
  sourcedid!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
