import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A browser session, kept in Postgres so that it outlives a Redis that restarts empty (Redis is
 * its cache, read on every request). The id is the HMAC of the cookie's random value: a copy of
 * the table does not hand out live sessions.
 */
@Entity('sessions')
@Index('sessions_expires', ['expiresAt'])
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
