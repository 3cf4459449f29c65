import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isAbsolute, join } from 'node:path';
import { Env } from './env';
import { localSecrets } from './local-secrets';
import { projectRoot } from './project-root';

/** The validated configuration every app injects; built once by {@link loadConfig}. */
export class AppConfig extends Env {
  rootDir!: string;
  mpsPath!: string;
  libwbPath!: string;
  cookieSecure!: boolean;
}

export class ConfigError extends Error {}

/**
 * Reads, validates and completes the environment. Throws a {@link ConfigError} naming every bad
 * variable, so a misconfigured app stops at boot instead of failing on its first request.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, rootDir = projectRoot()): AppConfig {
  const raw: Record<string, unknown> = { ...source };
  const isProduction = raw.NODE_ENV === 'production';
  if (!isProduction && (!raw.WORKER_TOKEN || !raw.SESSION_SECRET)) {
    const secrets = localSecrets(rootDir);
    raw.WORKER_TOKEN ??= secrets.WORKER_TOKEN;
    raw.SESSION_SECRET ??= secrets.SESSION_SECRET;
  }
  for (const key of Object.keys(raw)) if (raw[key] === '') delete raw[key];

  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(`invalid configuration:\n${describe(errors, raw)}`);

  const resolve = (p: string) => (isAbsolute(p) ? p : join(rootDir, p));
  return Object.freeze(
    Object.assign(new AppConfig(), env, {
      rootDir,
      mpsPath: resolve(env.MPS_DIR),
      libwbPath: resolve(env.LIBWB_DIR),
      cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
    }),
  );
}

/** Names each bad variable with the value as it was given (converted values hide typos: NaN). */
function describe(errors: ValidationError[], given: Record<string, unknown>): string {
  return errors
    .map((e) => {
      const shown = e.property.match(/TOKEN|SECRET|PASSWORD/) ? '(hidden)' : JSON.stringify(given[e.property] ?? null);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    })
    .join('\n');
}
