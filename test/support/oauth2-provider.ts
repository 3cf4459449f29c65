import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROOT } from './processes';

export interface TestOAuthProvider {
  issuer: string;
  /** The identity the provider's userinfo reports from now on. */
  setUser: (user: { sub: string; preferred_username?: string; email?: string }) => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts oauth2-mock-server (test/support/oauth2-provider.mjs) and waits until it listens. */
export async function startOAuthProvider(): Promise<TestOAuthProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'test', 'support', 'oauth2-provider.mjs')], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (!match) return;
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve(match);
      };
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        check();
      };
      const onExit = () => reject(new Error(`the OAuth2 provider exited:\n${output}`));
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
      check();
    });
  const issuer = (await waitFor(/READY (\S+)\n/))[1];
  return {
    issuer,
    setUser: async (user) => {
      output = '';
      child.stdin!.write(`${JSON.stringify(user)}\n`);
      await waitFor(new RegExp(`USER ${user.sub}\\n`));
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
