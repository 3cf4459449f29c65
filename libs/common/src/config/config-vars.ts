import type { Env } from './env';

/** The platform's processes; each loads only its own slice of the configuration. */
export const APPS = ['gateway', 'worker', 'grader', 'notifier'] as const;
export type AppName = (typeof APPS)[number];

interface VarUse {
  /** The apps that read it: the base every app shares, or a slice. */
  readonly apps: 'all' | readonly AppName[];
  /** Never printed, not even in a configuration error (a password, a key, or a URL that may hold one). */
  readonly secret?: true;
}

const ALL = { apps: 'all' } as const;
const GATEWAY = { apps: ['gateway'] } as const;
const WORKER = { apps: ['worker'] } as const;
const NOTIFIER = { apps: ['notifier'] } as const;
const GRADER = { apps: ['grader'] } as const;
/** Where grades go: the gateway queues a student's passback, the grader sends it. */
const PASSBACK = { apps: ['gateway', 'grader'] } as const;

/**
 * Who reads each variable of {@link Env}, and which are secrets: the one place that says so.
 * An app validates and keeps only its slice, so a worker host, which runs students' programs,
 * never needs (or holds) SESSION_SECRET, the database URL with its password, the SMTP
 * credentials or the LTI keys. The type checker asks for every variable of Env here.
 */
export const CONFIG_VARS = {
  // The base every app shares.
  NODE_ENV: ALL,
  REDIS_URL: { apps: 'all', secret: true },
  REDIS_PREFIX: ALL,
  MPS_DIR: ALL,
  LIBWB_DIR: ALL,
  LOG_LEVEL: ALL,
  LOG_FORMAT: ALL,
  // Every app answers GET /metrics; a scraper on another host presents it.
  METRICS_TOKEN: { apps: 'all', secret: true },
  // Everything but the worker keeps its state in Postgres.
  DATABASE_URL: { apps: ['gateway', 'grader', 'notifier'], secret: true },
  // The gateway checks it on the worker API's callers, a worker presents it both ways, the
  // notifier presents it when it probes a worker.
  WORKER_TOKEN: { apps: ['gateway', 'worker', 'notifier'], secret: true },
  // Its own public address (the OAuth callback, LTI launch signatures), where workers report,
  // what alert emails link to.
  GATEWAY_URL: { apps: ['gateway', 'worker', 'notifier'] },
  // The gateway's staff page and the notifier ask workers within it.
  HEALTH_PROBE_TIMEOUT_MS: { apps: ['gateway', 'notifier'] },

  GATEWAY_PORT: GATEWAY,
  GATEWAY_PROCESSES: GATEWAY,
  TRUST_PROXY: GATEWAY,
  SESSION_SECRET: { apps: ['gateway'], secret: true },
  SESSION_TTL_S: GATEWAY,
  COOKIE_SECURE: GATEWAY,
  SUBMIT_INTERVAL_MS: GATEWAY,
  CHECK_INTERVAL_MS: GATEWAY,
  PROFILE_INTERVAL_MS: GATEWAY,
  LOGIN_MAX_FAILURES: GATEWAY,
  LOGIN_WINDOW_S: GATEWAY,
  SIGNUP_MAX_PER_ADDRESS: GATEWAY,
  SIGNUP_WINDOW_S: GATEWAY,
  ADMIN_USERNAME: GATEWAY,
  ADMIN_PASSWORD: { apps: ['gateway'], secret: true },
  OAUTH_AUTHORIZATION_URL: GATEWAY,
  OAUTH_TOKEN_URL: GATEWAY,
  OAUTH_USERINFO_URL: GATEWAY,
  OAUTH_CLIENT_ID: GATEWAY,
  OAUTH_CLIENT_SECRET: { apps: ['gateway'], secret: true },
  LTI11_STAFF_CONTEXTS: GATEWAY,

  WORKER_PORT: WORKER,
  WORKER_URL: WORKER,
  WORKER_NAME: WORKER,
  WORKER_TOOLCHAINS: WORKER,
  WORKER_CONCURRENCY: WORKER,
  REPORT_DELIVERY_WINDOW_MS: WORKER,
  WORKER_STOP_DEADLINE_MS: WORKER,
  SANDBOX_UID_BASE: WORKER,
  SANDBOX_UID_COUNT: WORKER,
  WORKER_WORK_DIR: WORKER,
  CUDA_SANITIZER_PATH: WORKER,
  NCU_PATH: WORKER,
  GPU_PROBE_COMMAND: WORKER,
  WORKER_CACHE_DIR: WORKER,
  WORKER_CACHE_MAX_MB: WORKER,
  WORKER_DATA_DIR: WORKER,

  // The two apps without an HTTP server of their own serve /metrics and the health probes on it.
  METRICS_PORT: { apps: ['grader', 'notifier'] },
  // The apps that consume queues are not ready while they fall behind.
  READY_QUEUE_LAG_MS: { apps: ['worker', 'grader', 'notifier'] },

  SMTP_URL: { apps: ['notifier'], secret: true },
  SMTP_FROM: NOTIFIER,
  ALERT_EMAILS: NOTIFIER,
  HEALTH_PROBE_INTERVAL_MS: NOTIFIER,
  HEALTH_HEARTBEAT_STALE_MS: NOTIFIER,
  HEALTH_FAILURES_TO_DOWN: NOTIFIER,
  HEALTH_SUCCESSES_TO_UP: NOTIFIER,
  ALERT_DEBOUNCE_MS: NOTIFIER,
  STRANDED_ATTEMPT_AFTER_MS: NOTIFIER,
  QUEUE_BACKLOG_ALERT_MS: NOTIFIER,

  PASSBACK_MODE: PASSBACK,
  PASSBACK_ATTEMPTS: PASSBACK,
  PASSBACK_BACKOFF_MS: PASSBACK,
  // The gateway verifies launches with the key and secret, the grader signs grades with them.
  LTI11_CONSUMER_KEY: PASSBACK,
  LTI11_CONSUMER_SECRET: { apps: ['gateway', 'grader'], secret: true },
  LTI11_OUTCOME_URL: GRADER,
  LTI11_SOURCEDID_TEMPLATE: GRADER,
  LTI13_TOKEN_URL: GRADER,
  LTI13_CLIENT_ID: GRADER,
  LTI13_PRIVATE_KEY: { apps: ['grader'], secret: true },
  LTI13_KEY_ID: GRADER,
  LTI13_AUDIENCE: GRADER,
  LTI13_LINEITEM_URL: GRADER,
} as const satisfies Record<keyof Env, VarUse>;

export type ConfigVar = keyof typeof CONFIG_VARS;

/** Whether an app reads this variable (its slice, or the shared base). */
export function readBy(variable: ConfigVar, app: AppName): boolean {
  const { apps } = CONFIG_VARS[variable] as VarUse;
  return apps === 'all' || apps.includes(app);
}

export function isSecret(variable: string): boolean {
  return Object.hasOwn(CONFIG_VARS, variable) && (CONFIG_VARS[variable as ConfigVar] as VarUse).secret === true;
}
