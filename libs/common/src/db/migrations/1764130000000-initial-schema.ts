import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764130000000 implements MigrationInterface {
  name = 'InitialSchema1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(32) NOT NULL UNIQUE,
        password_hash text,
        role varchar(16) NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'staff', 'admin')),
        api_key_hash char(64) NOT NULL UNIQUE,
        api_key_sealed text NOT NULL,
        oauth_provider varchar(64),
        oauth_subject varchar(255),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_oauth_identity ON users (oauth_provider, oauth_subject) WHERE oauth_subject IS NOT NULL`);

    await q.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mp_id varchar(64) NOT NULL,
        text text NOT NULL,
        revision integer NOT NULL,
        saved_at timestamptz NOT NULL,
        CONSTRAINT programs_user_mp UNIQUE (user_id, mp_id)
      )`);

    await q.query(`
      CREATE TABLE workers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(128) NOT NULL UNIQUE,
        url text NOT NULL,
        toolchains text[] NOT NULL,
        gpu text,
        status varchar(16) NOT NULL DEFAULT 'up',
        version text,
        registered_at timestamptz NOT NULL,
        last_heartbeat_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mp_id varchar(64) NOT NULL,
        kind varchar(8) NOT NULL DEFAULT 'run',
        dataset integer NOT NULL,
        program text NOT NULL,
        program_sha256 char(64) NOT NULL,
        status varchar(24) NOT NULL DEFAULT 'queued',
        passed boolean NOT NULL DEFAULT false,
        compiler_output text NOT NULL DEFAULT '',
        output text NOT NULL DEFAULT '',
        results jsonb NOT NULL DEFAULT '[]',
        timers jsonb NOT NULL DEFAULT '[]',
        logs jsonb NOT NULL DEFAULT '[]',
        worker_id uuid REFERENCES workers (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX attempts_user_mp_created ON attempts (user_id, mp_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE grades (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mp_id varchar(64) NOT NULL,
        attempt_id uuid NOT NULL UNIQUE REFERENCES attempts (id) ON DELETE CASCADE,
        score real NOT NULL,
        max_score real NOT NULL,
        items jsonb NOT NULL DEFAULT '[]',
        late boolean NOT NULL DEFAULT false,
        graded_at timestamptz NOT NULL,
        passback_state varchar(16) NOT NULL DEFAULT 'none',
        passback_sent_at timestamptz,
        passback_error text
      )`);
    await q.query(`CREATE INDEX grades_user_mp_graded ON grades (user_id, mp_id, graded_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['grades', 'attempts', 'workers', 'programs', 'users']) await q.query(`DROP TABLE ${table}`);
  }
}
