import { Counter, Gauge, Histogram, Metric } from 'prom-client';
import { FINAL_STATUSES } from '../attempts/attempt-outcome';
import type { AppName } from '../config/config-vars';
import { TOOLCHAINS } from '../toolchains/toolchain-specs';
import { processRegistry, sharedStateRegistry } from './registries';

/*
 * Every series the platform exposes at /metrics, in one place. Labels take only values from
 * short fixed lists (toolchains, verdicts, queue names, outcomes): never a user, an attempt, a
 * lab or a worker, which would make a series per value.
 */

/** The lab's toolchain, or this when the catalogue no longer has the lab. */
export const UNKNOWN_TOOLCHAIN = 'unknown';

const COMPILE_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];
/** From a trivial kernel to a lab's run time limit (seconds, not minutes). */
const RUN_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A group-committed upsert: a few milliseconds, unless Postgres is struggling. */
const SAVE_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Series a process records itself; each app's /metrics shows those it records ({@link RECORDED_BY}). */
export const METRICS = {
  attemptVerdicts: new Counter({
    name: 'wb_attempt_verdicts_total',
    help: 'Verdicts recorded on attempts (AttemptReports), by the lab toolchain and the verdict; a replayed dead letter counts its verdict again.',
    labelNames: ['toolchain', 'verdict'] as const,
    registers: [],
  }),
  compileSeconds: new Histogram({
    name: 'wb_compile_duration_seconds',
    help: 'Time the compiler ran in its box, by toolchain (compile cache hits run no compiler and are not counted).',
    labelNames: ['toolchain'] as const,
    buckets: COMPILE_BUCKETS_S,
    registers: [],
  }),
  runSeconds: new Histogram({
    name: 'wb_run_duration_seconds',
    help: 'Time a compiled program ran on one dataset in its box, by toolchain.',
    labelNames: ['toolchain'] as const,
    buckets: RUN_BUCKETS_S,
    registers: [],
  }),
  compileCacheLookups: new Counter({
    name: 'wb_compile_cache_lookups_total',
    help: 'Compile cache lookups before a compile, by toolchain and result (hit: the compiler was skipped; miss: it ran).',
    labelNames: ['toolchain', 'result'] as const,
    registers: [],
  }),
  programSaveSeconds: new Histogram({
    name: 'wb_program_save_duration_seconds',
    help: "Time to store a student's program (ProgramsRepository.save, group-committed), conflicts included.",
    buckets: SAVE_BUCKETS_S,
    registers: [],
  }),
  reportRetries: new Counter({
    name: 'wb_report_retries_total',
    help: 'Verdict reports a worker sends again because the gateway did not take them (5xx, 429 or no answer).',
    registers: [],
  }),
  deadLetters: new Counter({
    name: 'wb_dead_letters_total',
    help: 'Verdicts a worker could not deliver within REPORT_DELIVERY_WINDOW_MS, or that the gateway refused, kept as dead letters.',
    registers: [],
  }),
  passbacks: new Counter({
    name: 'wb_passbacks_total',
    help: 'Grade passback tries, by outcome: sent, retry (will be tried again), refused (by the course platform or configuration), failed (the last try).',
    labelNames: ['outcome'] as const,
    registers: [],
  }),
  gpuUp: new Gauge({
    name: 'wb_gpu_up',
    help: "1 when this worker's last GPU probe (GET /is_gpu_alive) ran its kernel, 0 when it failed, by the GPU the worker found at start; absent before the first probe and on a worker without a GPU check.",
    labelNames: ['gpu'] as const,
    registers: [],
  }),
};

/** Read from the queues and the workers table at each scrape, by the gateway. */
export const SHARED_STATE_METRICS = {
  queueJobs: new Gauge({
    name: 'wb_queue_jobs',
    help: 'Jobs in each BullMQ queue, by state (waiting, active, delayed, failed).',
    labelNames: ['queue', 'state'] as const,
    registers: [sharedStateRegistry],
  }),
  queueOldestWaitSeconds: new Gauge({
    name: 'wb_queue_oldest_waiting_seconds',
    help: "Age of each queue's oldest waiting job, 0 when none waits.",
    labelNames: ['queue'] as const,
    registers: [sharedStateRegistry],
  }),
  workers: new Gauge({
    name: 'wb_workers',
    help: 'Registered workers serving each toolchain, by status (up, down; stopped ones are left out).',
    labelNames: ['toolchain', 'status'] as const,
    registers: [sharedStateRegistry],
  }),
};

type MetricName = keyof typeof METRICS;

/** Which app records which series: each app's /metrics lists only its own. */
const RECORDED_BY: Record<AppName, readonly MetricName[]> = {
  gateway: ['attemptVerdicts', 'programSaveSeconds'],
  // Workers stranded by a failed job end as internal_error through the notifier's AttemptReports.
  notifier: ['attemptVerdicts'],
  grader: ['passbacks'],
  worker: ['compileSeconds', 'runSeconds', 'compileCacheLookups', 'reportRetries', 'deadLetters', 'gpuUp'],
};

/** The label values a counter starts with at 0, so that rate() sees its first increment. */
const STARTING_LABELS: Partial<Record<MetricName, Record<string, string>[]>> = {
  attemptVerdicts: TOOLCHAINS.flatMap((toolchain) => FINAL_STATUSES.map((verdict) => ({ toolchain, verdict }))),
  compileCacheLookups: TOOLCHAINS.flatMap((toolchain) => ['hit', 'miss'].map((result) => ({ toolchain, result }))),
  passbacks: ['sent', 'retry', 'refused', 'failed'].map((outcome) => ({ outcome })),
};

const registered = new Set<MetricName>();

/** Puts the app's series in this process's registry (a second call adds nothing). */
export function registerMetricsOf(app: AppName): void {
  for (const name of RECORDED_BY[app]) {
    if (registered.has(name)) continue;
    registered.add(name);
    const metric: Metric = METRICS[name];
    processRegistry.registerMetric(metric);
    for (const labels of STARTING_LABELS[name] ?? []) (metric as Counter<string>).inc(labels, 0);
  }
}

/** Runs `work` and records how long it took in `histogram`, whether it succeeded or threw. */
export async function timed<T>(histogram: Histogram, work: () => Promise<T>): Promise<T> {
  const end = histogram.startTimer();
  try {
    return await work();
  } finally {
    end();
  }
}
