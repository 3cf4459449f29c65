import { ANALYSIS_SANDBOX_PROFILE, TOOLCHAINS, toolchainSpec } from '@wb/common';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const LAUNCHER = join(__dirname, '..', '..', 'sandbox', 'build', 'wb-sandbox');

/** What the launcher says to `--profile <name>` with no program: it parses the profile first. */
function launcherAnswer(profile: string): string {
  const result = spawnSync(LAUNCHER, ['--profile', profile], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.stderr;
}

describe('the sandbox launcher', () => {
  it('has the seccomp profile of every toolchain in the table', () => {
    for (const profile of new Set(TOOLCHAINS.map((t) => toolchainSpec(t).sandboxProfile))) {
      const answer = launcherAnswer(profile);
      expect({ profile, answer }).toEqual({ profile, answer: expect.stringContaining('no program to run') });
    }
  });

  it("has the CUDA analysis tools' profile, which no toolchain names", () => {
    expect(launcherAnswer(ANALYSIS_SANDBOX_PROFILE)).toContain('no program to run');
  });

  it('refuses a profile it does not have', () => {
    expect(launcherAnswer('gpu')).toContain('unknown profile "gpu"');
  });
});
