import { Client } from 'pg';
import Redis from 'ioredis';
import { DataSource, QueryFailedError } from 'typeorm';
import { isInfrastructureOutage } from './infrastructure-outage';

describe('isInfrastructureOutage', () => {
  it('knows a refused Postgres connection, as pg reports it', async () => {
    const client = new Client({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await client.end().catch(() => undefined);
    expect(isInfrastructureOutage(error)).toBe(true);
  });

  it('knows a Redis that is gone, as ioredis reports it', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    const error = await redis.get('x').then(
      () => null,
      (e: unknown) => e,
    );
    redis.disconnect();
    expect(isInfrastructureOutage(error)).toBe(true);
  });

  it('knows a transaction whose connection was cut between two statements, as TypeORM reports it', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      const error = await dataSource
        .transaction(async (manager) => {
          const [{ pid }] = (await manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await manager.query('SELECT 1');
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(Error);
      expect(isInfrastructureOutage(error)).toBe(true);
    } finally {
      await admin.end();
      await dataSource.destroy();
    }
  });

  it('looks inside TypeORM and nested causes, by SQLSTATE', () => {
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    expect(isInfrastructureOutage(shutdown)).toBe(true);
    expect(isInfrastructureOutage(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '08006' }) }))).toBe(true);
    expect(isInfrastructureOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves every other error a 500', () => {
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(isInfrastructureOutage(unique)).toBe(false);
    expect(isInfrastructureOutage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isInfrastructureOutage(null)).toBe(false);
    expect(isInfrastructureOutage('ECONNREFUSED')).toBe(false);
  });
});
