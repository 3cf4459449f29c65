import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/**
 * Every environment variable the platform reads, with the defaults that work on a developer's
 * machine. Validated once at boot: a bad value stops the process with the variable's name.
 */
export class Env {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/wb';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every key the platform writes in Redis (queues, sessions, limiter), so test runs and deployments sharing a Redis never collide. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]+$/)
  REDIS_PREFIX = 'wb';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 8080;

  /**
   * Which proxies' X-Forwarded-For the gateway believes (Express "trust proxy"): the login
   * throttle counts per client address, so behind a load balancer name it here.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** The address workers and emails use to reach the gateway. */
  @IsUrl({ require_tld: false, require_protocol: true })
  GATEWAY_URL = 'http://127.0.0.1:8080';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT = 8090;

  /** The address the gateway and notifier use to reach this worker's own API. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  WORKER_URL?: string;

  @IsOptional()
  @IsString()
  WORKER_NAME?: string;

  /** Toolchains this worker offers, comma-separated; empty means "detect what the machine has". */
  @IsOptional()
  @Matches(/^((cuda|opencl|cpp)(,(cuda|opencl|cpp))*)?$/, { message: 'WORKER_TOOLCHAINS must list cuda, opencl or cpp, comma-separated' })
  WORKER_TOOLCHAINS?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 1;

  /** Where a worker keeps per-run directories; each run gets its own and it is deleted whole. */
  @IsString()
  WORKER_WORK_DIR = '/tmp/wb-worker';

  /**
   * Replaces the worker's GPU liveness probe (a tiny CUDA kernel) with a shell command whose
   * exit status 0 means alive: for GPUs that need a site-specific check, and for tests that
   * make a probe fail on purpose.
   */
  @IsOptional()
  @IsString()
  GPU_PROBE_COMMAND?: string;

  /** Compiled programs by sha256 of source, toolchain and flags: a resubmission skips the compiler. */
  @IsOptional()
  @IsString()
  WORKER_CACHE_DIR?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  WORKER_CACHE_MAX_MB = 2048;

  /** Labs pushed to this worker through `POST /mp/:mp_id/data` (they take precedence over MPS_DIR). */
  @IsOptional()
  @IsString()
  WORKER_DATA_DIR?: string;

  @IsString()
  @MinLength(32)
  WORKER_TOKEN!: string;

  @IsString()
  @MinLength(32)
  SESSION_SECRET!: string;

  /** Session lifetime; renewed on use. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  SESSION_TTL_S = 14 * 86_400;

  /** Sends the session cookie only over TLS; on by default in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** The minimum gap between two submissions of one user (API.md: 3 s). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SUBMIT_INTERVAL_MS = 3_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_S = 900;

  /** The folder of labs (mps/<slug>/). */
  @IsString()
  MPS_DIR = 'mps';

  /** libwb's header and static library, which every graded program links against. */
  @IsString()
  LIBWB_DIR = 'libs/libwb';

  @IsOptional()
  @IsString()
  @MinLength(8)
  ADMIN_PASSWORD?: string;

  @IsString()
  @Matches(/^[a-z0-9_.-]{3,32}$/)
  ADMIN_USERNAME = 'admin';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsOptional()
  @IsEmail()
  SMTP_FROM?: string;

  /** Comma-separated admin addresses that receive worker alerts. */
  @IsOptional()
  @IsString()
  ALERT_EMAILS?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OAUTH_AUTHORIZATION_URL?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OAUTH_TOKEN_URL?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OAUTH_USERINFO_URL?: string;

  @IsOptional()
  @IsString()
  OAUTH_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OAUTH_CLIENT_SECRET?: string;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}
