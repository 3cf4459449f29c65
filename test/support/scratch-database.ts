import { createDataSource, migrateDatabase } from '@wb/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

const SERVER = 'postgres://postgres@127.0.0.1:5432';

/**
 * A database of one repository spec's own on the test Postgres, made by the project's
 * migrations as a gateway makes it at start: the spec tests the SQL that the services' unit
 * tests fake. Dropped afterwards, whatever connections are left.
 */
export class ScratchDatabase {
  private constructor(
    private readonly name: string,
    readonly dataSource: DataSource,
  ) {}

  /** `wb_<purpose>_<pid>`: specs running at once never share one. */
  static async create(purpose: string): Promise<ScratchDatabase> {
    const name = `wb_${purpose}_${process.pid}`;
    const url = `${SERVER}/${name}`;
    await migrateDatabase(url);
    return new ScratchDatabase(name, await createDataSource(url).initialize());
  }

  async drop(): Promise<void> {
    await this.dataSource.destroy();
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
