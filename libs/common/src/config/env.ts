import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { availableParallelism } from 'node:os';
import { TOOLCHAINS } from '../toolchains/toolchain-specs';

/** The most gateway processes one machine runs; the default, one per core, stops here too. */
const MAX_GATEWAY_PROCESSES = 64;

/** What WORKER_TOOLCHAINS may list: a toolchain, or a kind of them. */
const WORKER_TOOLCHAIN_WORDS = [...TOOLCHAINS, 'cpu', 'gpu'].join('|');

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/**
 * Every environment variable the platform reads, with the defaults that work on a developer's
 * machine; which app reads which, and which are secrets, is config-vars.ts. Validated once at
 * boot: a bad value stops the process with the variable's name.
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
   * How many processes serve GATEWAY_PORT: a primary migrates the database, forks them (Node's
   * cluster hands them the connections in turn) and replaces any that dies. Unset: one per core.
   * 1: a single process, with no primary.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_GATEWAY_PROCESSES)
  GATEWAY_PROCESSES = Math.min(availableParallelism(), MAX_GATEWAY_PROCESSES);

  /**
   * Which proxies' X-Forwarded-For the gateway believes (Fastify's `trustProxy`: addresses, subnets or names such as `loopback`, comma-separated): the login
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

  /**
   * Toolchains this worker offers, comma-separated; `cpu` or `gpu` stands for every one of that
   * kind the machine has; empty means "detect what the machine has".
   */
  @IsOptional()
  @Matches(new RegExp(`^((${WORKER_TOOLCHAIN_WORDS})(,(${WORKER_TOOLCHAIN_WORDS}))*)?$`), {
    message: `WORKER_TOOLCHAINS must list toolchains among ${TOOLCHAINS.join(', ')} (or cpu, gpu), comma-separated`,
  })
  WORKER_TOOLCHAINS?: string;

  /**
   * Boxes this worker runs at once for each toolchain queue it serves. Unset: one per core for
   * the CPU toolchains (C++, OpenCL on PoCL) and one per GPU for CUDA, so a slow program delays
   * nobody while a slot is free.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY?: number;

  /**
   * How long a worker keeps trying to deliver a verdict the gateway does not accept (5xx, no
   * answer). Past it, or at once on a 4xx, the report becomes a dead letter for staff to replay
   * or discard, the attempt ends as internal_error, and the worker's slot is free again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  REPORT_DELIVERY_WINDOW_MS = 600_000;

  /**
   * How long a stopping worker (SIGTERM, SIGINT, POST /stop) lets running jobs finish before it
   * stops their boxes and hands the jobs back to their queue. Unset: its longest possible job
   * (compile plus every dataset's time limit, over the labs it serves) plus 15 s.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  WORKER_STOP_DEADLINE_MS?: number;

  /**
   * The first of the uids (and gids) a root worker runs compilers and programs as: one per box
   * running at once, SANDBOX_UID_COUNT of them, each box its own. Nothing else on the machine may
   * use them: RLIMIT_NPROC counts every process of a uid machine-wide, so a shared uid (such as
   * nobody, 65534, which many services and container images run as) would let one program's
   * thread bomb starve another's threads. Workers sharing a machine need ranges that do not
   * overlap. The default sits above the subordinate-id ranges container tools hand out.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(2_000_000_000)
  SANDBOX_UID_BASE = 3_000_000;

  /**
   * How many boxes this worker may run at once (jobs, a direct compile, the start-up check); more
   * wait for a free uid. Unset: its job slots plus two, at least 8.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  SANDBOX_UID_COUNT?: number;

  /** Where a worker keeps per-run directories; each run gets its own and it is deleted whole. */
  @IsString()
  WORKER_WORK_DIR = '/tmp/wb-worker';

  /** compute-sanitizer and Nsight Compute's CLI, for "Check memory" and "Profile" runs of CUDA labs. */
  @IsString()
  CUDA_SANITIZER_PATH = '/usr/local/cuda/bin/compute-sanitizer';

  @IsString()
  NCU_PATH = '/usr/local/cuda/bin/ncu';

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

  /** The gateway's alone (session ids, the session cache's seal, API keys): see config-vars.ts. */
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

  /** The minimum gap between two submissions of one user (3 s, as the original course had it). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SUBMIT_INTERVAL_MS = 3_000;

  /**
   * The minimum gap between two "Check memory" runs of one user on one lab: a run under
   * compute-sanitizer holds a GPU many times longer than a plain run.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  CHECK_INTERVAL_MS = 60_000;

  /** The same for "Profile": ncu replays every kernel once per counter pass, so stricter still. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PROFILE_INTERVAL_MS = 300_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_S = 900;

  /**
   * Signups allowed from one client address within SIGNUP_WINDOW_S: each costs an scrypt hash
   * at 128 MiB. A class signing up together behind one NAT needs this raised for the day.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNUP_MAX_PER_ADDRESS = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNUP_WINDOW_S = 600;

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

  /** How often the notifier probes every worker (one BullMQ job scheduler, whatever the replicas). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HEALTH_PROBE_INTERVAL_MS = 15_000;

  /** A probe that takes longer than this failed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  HEALTH_PROBE_TIMEOUT_MS = 5_000;

  /** A worker whose last heartbeat is older than this failed its probe (it beats every 10 s). */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  HEALTH_HEARTBEAT_STALE_MS = 30_000;

  /** Consecutive failed probes that mark a worker down. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  HEALTH_FAILURES_TO_DOWN = 2;

  /** Consecutive good probes that bring a down worker back up. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  HEALTH_SUCCESSES_TO_UP = 2;

  /** Alerts wait this long so that several failures at once become one digest email. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ALERT_DEBOUNCE_MS = 10_000;

  /**
   * The notifier looks up the run job of an attempt unfinished for this long: one whose job failed
   * for good ends as internal_error, one whose job was lost is queued again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  STRANDED_ATTEMPT_AFTER_MS = 60_000;

  /** A run queue whose oldest waiting job is older than this opens a backlog incident. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  QUEUE_BACKLOG_ALERT_MS = 300_000;

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

  /**
   * How grades reach the course: not at all, LTI 1.1 Basic Outcomes (Coursera and most LMSs),
   * or LTI 1.3 Assignment and Grade Services.
   */
  @IsIn(['none', 'lti11', 'lti13'])
  PASSBACK_MODE: 'none' | 'lti11' | 'lti13' = 'none';

  /** Tries per passback (BullMQ attempts), at least 8, with exponential backoff from PASSBACK_BACKOFF_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  PASSBACK_ATTEMPTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  PASSBACK_BACKOFF_MS = 5_000;

  /**
   * LTI 1.1: the tool consumer's outcome service, for a student with no launch that named one
   * (`POST /lti/launch` records each student's per lab, and that takes precedence).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  LTI11_OUTCOME_URL?: string;

  /**
   * LTI 1.1: the key and secret the course platform signs its launches (`POST /lti/launch`) with
   * and the platform signs grades with (OAuth 1.0a HMAC-SHA1). Launches are refused without them.
   */
  @IsOptional()
  @IsString()
  LTI11_CONSUMER_KEY?: string;

  @IsOptional()
  @IsString()
  LTI11_CONSUMER_SECRET?: string;

  /**
   * LTI 1.1: the courses (`context_id`, comma-separated) whose Instructor and TeachingAssistant
   * launches make the user staff here. Unset: no launch makes anyone staff; a launch from any
   * other course, of whatever role, signs its user in as a student.
   */
  @IsOptional()
  @IsString()
  LTI11_STAFF_CONTEXTS?: string;

  /**
   * LTI 1.1: the lis_result_sourcedid of a user who has none of their own (`lti_sourcedid`),
   * from `{username}`, `{userId}` and `{mpId}`.
   */
  @IsString()
  LTI11_SOURCEDID_TEMPLATE = '{mpId}:{username}';

  /** LTI 1.3: the platform's OAuth2 token endpoint (client credentials with a signed JWT assertion). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  LTI13_TOKEN_URL?: string;

  /** LTI 1.3: this tool's client id at the platform (the JWT's iss and sub). */
  @IsOptional()
  @IsString()
  LTI13_CLIENT_ID?: string;

  /** LTI 1.3: the tool's RSA private key (PKCS#8 PEM) that signs the assertion; the platform holds its public key. */
  @IsOptional()
  @IsString()
  LTI13_PRIVATE_KEY?: string;

  /** LTI 1.3: the key's id (JWT header `kid`), for platforms that fetch the tool's JWKS. */
  @IsOptional()
  @IsString()
  LTI13_KEY_ID?: string;

  /** LTI 1.3: the assertion's audience when the platform names one other than its token URL. */
  @IsOptional()
  @IsString()
  LTI13_AUDIENCE?: string;

  /**
   * LTI 1.3: the line item of a lab (`{mpId}` is replaced), for users without their own
   * (`lti_outcome_url`); scores are POSTed to its `/scores`.
   */
  @IsOptional()
  @IsString()
  LTI13_LINEITEM_URL?: string;

  /**
   * The bearer token `GET /metrics` asks for (`Authorization: Bearer <METRICS_TOKEN>`), on every
   * app: what a Prometheus on another host presents. Unset: /metrics answers only a client on
   * this machine's loopback that came through no proxy.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  METRICS_TOKEN?: string;

  /**
   * Where the grader or the notifier, which serve no HTTP otherwise, answer `GET /metrics` and
   * the health probes (`/healthz/live`, `/healthz/ready`); each process needs a port of its own.
   * Unset: they serve neither.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  METRICS_PORT?: number;

  /** The least severe lines an app writes: `debug` adds each refused request (4xx) of the gateway. */
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /**
   * `json`: one JSON object per line (pino: time, level, pid, context, msg, requestId,
   * attemptId), for a log collector; `text`: Nest's coloured lines; `auto`: text when stdout is a
   * terminal, else JSON (`npm start` asks its apps for text when it runs on one).
   */
  @IsIn(['auto', 'json', 'text'])
  LOG_FORMAT: 'auto' | 'json' | 'text' = 'auto';

  /**
   * A worker, grader or notifier is not ready (`GET /healthz/ready` answers 503) while the oldest
   * waiting job of a queue it consumes is older than this: it, or its kind, is not keeping up.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  READY_QUEUE_LAG_MS = 300_000;
}
