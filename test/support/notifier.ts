import { AppProcess, startApp } from './processes';

/** Starts a notifier process on the platform's database and Redis prefix; it is ready when it says so. */
export async function startNotifier(env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const app = startApp('notifier', env);
  await app.waitForLine(/ready/, 30_000);
  return app;
}

/** Resolves when any of the apps has printed a matching line (replicas share the work). */
export function waitForAnyLine(apps: AppProcess[], pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const streams = apps.flatMap((a) => [a.child.stdout!, a.child.stderr!]);
    const done = (err?: Error) => {
      clearTimeout(timer);
      for (const s of streams) s.off('data', check);
      if (err) reject(err);
      else resolve();
    };
    // Called after the app's own listener has appended the chunk to its log.
    const check = () => setImmediate(() => apps.some((a) => pattern.test(a.log())) && done());
    const timer = setTimeout(() => done(new Error(`no replica printed ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    for (const s of streams) s.on('data', check);
    check();
  });
}
