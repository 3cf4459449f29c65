import { parseLauncherStatus } from './launcher-status';

describe('parseLauncherStatus', () => {
  it('reads an exit', () => {
    const line =
      '{"exitCode":3,"signal":null,"memoryLimitHit":false,"cpuLimitHit":false,"writeLimitHit":true,"maxRssKb":1500,"cpuMs":2,"error":null}\n';
    expect(parseLauncherStatus(line)).toEqual({
      exitCode: 3,
      signal: null,
      memoryLimitHit: false,
      cpuLimitHit: false,
      writeLimitHit: true,
      maxRssKb: 1500,
      cpuMs: 2,
      error: null,
    });
  });

  it('names the signal by its usual name', () => {
    expect(parseLauncherStatus('{"exitCode":null,"signal":31,"memoryLimitHit":false,"cpuLimitHit":false}')?.signal).toBe('SIGSYS');
    expect(parseLauncherStatus('{"exitCode":null,"signal":6,"memoryLimitHit":true,"cpuLimitHit":false}')).toMatchObject({
      signal: 'SIGABRT',
      memoryLimitHit: true,
    });
  });

  it('carries the launcher failure', () => {
    expect(parseLauncherStatus('{"exitCode":0,"signal":null,"error":"seccomp_load: Invalid argument"}')?.error).toBe(
      'seccomp_load: Invalid argument',
    );
  });

  it.each(['', '{"exitCode":0', 'null', '{"exitCode":null,"signal":null}', '{"exitCode":1,"signal":9}', '{"exitCode":"0","signal":null}'])(
    'refuses %p',
    (text) => expect(parseLauncherStatus(text)).toBeNull(),
  );
});
