import { randomInt } from 'node:crypto';

/**
 * A SANDBOX_UID_BASE of its own for a test's workers, away from the default range of a platform
 * running on the same machine and from the other test files running in parallel: each range's
 * RLIMIT_NPROC is then the test's alone, as each worker's is in production.
 */
export function testSandboxUidBase(): string {
  return String(3_500_000 + randomInt(0, 100_000) * 64);
}
