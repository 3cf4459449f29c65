import { Logger } from '@nestjs/common';
import { AppConfig, toBody } from '@wb/common';
import { FakeUsersRepository } from '../../../../test/support/fake-users-repository';
import { ApiKeySealer } from './api-keys';
import { UsersService } from './users.service';

/** Accounts with the users table in memory (its unique indexes included); passwords really hashed. */
// Each hash is a real 128 MiB scrypt (~0.1 s alone): several per test take seconds on a busy machine.
jest.setTimeout(30_000);

describe('UsersService', () => {
  const config = { SESSION_SECRET: 's'.repeat(32), ADMIN_USERNAME: 'admin' } as AppConfig;
  let users: FakeUsersRepository;
  let service: UsersService;
  let warnings: string[];

  beforeEach(() => {
    users = new FakeUsersRepository();
    service = new UsersService(users.repository, new ApiKeySealer(config));
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: string) => void warnings.push(message));
  });

  afterEach(() => jest.restoreAllMocks());

  it('signs up a student who can sign in with the password or the API key', async () => {
    const { user, apiKey } = await service.create('ada', 'correct horse');
    expect(user).toMatchObject({ username: 'ada', role: 'student' });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect((await service.authenticate('ada', 'correct horse'))?.id).toBe(user.id);
    expect(await service.authenticate('ada', 'wrong')).toBeNull();
    expect(await service.authenticate('nobody', 'correct horse')).toBeNull();
    expect((await service.findByApiKey(apiKey))?.id).toBe(user.id);
  });

  it('answers 409 to a sign-up whose username is taken, and keeps the first account', async () => {
    const { user } = await service.create('ada', 'first');
    const error = await service.create('ada', 'second').catch((e: unknown) => e);
    expect(toBody(error)).toEqual({ status: 409, body: { error: 'the username "ada" is taken' } });
    expect([...users.rows.keys()]).toEqual([user.id]);
    expect(await service.authenticate('ada', 'first')).not.toBeNull();
  });

  it('creates the admin account on the first start only, with ADMIN_PASSWORD', async () => {
    await service.ensureAdmin({ ...config, ADMIN_PASSWORD: 'admin password' } as AppConfig);
    await service.ensureAdmin({ ...config, ADMIN_PASSWORD: 'another' } as AppConfig);
    expect([...users.rows.values()].map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    expect(await service.authenticate('admin', 'admin password')).not.toBeNull();
    expect(warnings).toEqual(['created the admin account "admin" with password (from ADMIN_PASSWORD)']);
  });

  it('prints a generated admin password once when ADMIN_PASSWORD is not set', async () => {
    await service.ensureAdmin(config);
    const [password] = warnings.map((w) => /with password (\S+)$/.exec(w)?.[1]);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await service.authenticate('admin', password!)).not.toBeNull();
  });

  it('leaves the admin account to the gateway that won the race to create it', async () => {
    await service.ensureAdmin({ ...config, ADMIN_PASSWORD: 'the winner' } as AppConfig);
    warnings.length = 0;
    // This gateway looked before the other one created it.
    jest.spyOn(users, 'adminExists').mockResolvedValueOnce(false);
    await expect(service.ensureAdmin({ ...config, ADMIN_PASSWORD: 'the loser' } as AppConfig)).resolves.toBeUndefined();
    expect(users.rows.size).toBe(1);
    expect(await service.authenticate('admin', 'the winner')).not.toBeNull();
    expect(warnings).toEqual([]);
  });

  it('rotates the API key: the old one stops working at once, and /whoami shows the new one', async () => {
    const { user, apiKey } = await service.create('ada', 'pw');
    const fresh = await service.regenerateApiKey(user.id);
    expect(fresh).not.toBe(apiKey);
    expect(await service.findByApiKey(apiKey)).toBeNull();
    const found = await service.findByApiKey(fresh);
    expect(found?.id).toBe(user.id);
    expect(await service.apiKeyOf(found!.id)).toBe(fresh);
  });

  it('issues a fresh key when the stored one can no longer be opened (SESSION_SECRET changed)', async () => {
    const { user, apiKey } = await service.create('ada', 'pw');
    const rekeyed = new UsersService(users.repository, new ApiKeySealer({ SESSION_SECRET: 't'.repeat(32) } as AppConfig));
    const fresh = await rekeyed.apiKeyOf(user.id);
    expect(fresh).not.toBe(apiKey);
    expect((await rekeyed.findByApiKey(fresh))?.id).toBe(user.id);
    expect(await rekeyed.findByApiKey(apiKey)).toBeNull();
  });
});
