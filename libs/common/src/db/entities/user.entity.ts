import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['student', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
@Index('users_oauth_identity', ['oauthProvider', 'oauthSubject'], { unique: true, where: '"oauth_subject" IS NOT NULL' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  username!: string;

  /** scrypt hash in PHC-like form; null for users who only sign in through OAuth. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'student' })
  role!: Role;

  /** sha256 of the API key: a leaked table reveals no usable key. */
  @Column({ name: 'api_key_hash', type: 'char', length: 64, unique: true })
  apiKeyHash!: string;

  /** The key itself, AES-GCM sealed with a key derived from SESSION_SECRET, so /whoami can show it. */
  @Column({ name: 'api_key_sealed', type: 'text' })
  apiKeySealed!: string;

  @Column({ name: 'oauth_provider', type: 'varchar', length: 64, nullable: true })
  oauthProvider!: string | null;

  @Column({ name: 'oauth_subject', type: 'varchar', length: 255, nullable: true })
  oauthSubject!: string | null;

  /** LTI 1.1 outcome service URL for this user's grades (else LTI11_OUTCOME_URL). */
  @Column({ name: 'lti_outcome_url', type: 'text', nullable: true })
  ltiOutcomeUrl!: string | null;

  /** LTI 1.1 lis_result_sourcedid (else LTI11_SOURCEDID_TEMPLATE). */
  @Column({ name: 'lti_sourcedid', type: 'text', nullable: true })
  ltiSourcedid!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
