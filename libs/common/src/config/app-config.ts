import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isAbsolute, join } from 'node:path';
import { AppName, CONFIG_VARS, ConfigVar, isSecret, readBy } from './config-vars';
import { Env } from './env';
import { localSecrets } from './local-secrets';
import { projectRoot } from './project-root';

/** The validated configuration an app injects: its slice of {@link Env}; built once by {@link loadConfig}. */
export class AppConfig extends Env {
  rootDir!: string;
  mpsPath!: string;
  libwbPath!: string;
  cookieSecure!: boolean;
}

export class ConfigError extends Error {}

/**
 * Reads, validates and completes one app's configuration: the shared base and the app's slice
 * ({@link CONFIG_VARS}). Variables of other apps are neither required nor kept, so a process
 * never holds another's secrets. Throws a {@link ConfigError} naming every bad variable, so a
 * misconfigured app stops at boot instead of failing on its first request.
 */
export function loadConfig(app: AppName, source: NodeJS.ProcessEnv = process.env, rootDir = projectRoot()): AppConfig {
  const raw: Record<string, unknown> = { ...source };
  const mine = (Object.keys(CONFIG_VARS) as ConfigVar[]).filter((v) => readBy(v, app));
  if (raw.NODE_ENV !== 'production') {
    // Outside production the secrets come from a generated local file; each app takes its own.
    const missing = LOCAL_SECRETS.filter((name) => mine.includes(name) && !raw[name]);
    if (missing.length > 0) {
      const secrets = localSecrets(rootDir);
      for (const name of missing) raw[name] = secrets[name];
    }
  }
  for (const key of Object.keys(raw)) if (raw[key] === '') delete raw[key];

  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: true }).filter((e) => mine.includes(e.property as ConfigVar));
  if (errors.length > 0) throw new ConfigError(`invalid configuration:\n${describe(errors, raw)}`);

  const resolve = (p: string) => (isAbsolute(p) ? p : join(rootDir, p));
  const config = Object.assign(new AppConfig(), env, {
    rootDir,
    mpsPath: resolve(env.MPS_DIR),
    libwbPath: resolve(env.LIBWB_DIR),
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
  });
  // Another app's variables (defaults included) are not this app's to read.
  for (const variable of Object.keys(CONFIG_VARS) as ConfigVar[])
    if (!mine.includes(variable)) delete (config as Partial<Record<ConfigVar, unknown>>)[variable];
  return Object.freeze(config);
}

/** The secrets a development machine generates for itself (local-secrets.ts). */
const LOCAL_SECRETS = ['WORKER_TOKEN', 'SESSION_SECRET'] as const;

/** Names each bad variable with the value as it was given (converted values hide typos: NaN), secrets hidden. */
function describe(errors: ValidationError[], given: Record<string, unknown>): string {
  return errors
    .map((e) => {
      const shown = isSecret(e.property) ? '(hidden)' : JSON.stringify(given[e.property] ?? null);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    })
    .join('\n');
}
