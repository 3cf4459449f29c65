import { Logger } from '@nestjs/common';
import cluster, { Worker } from 'node:cluster';

/** A process that listened this long before it died was not crash-looping: its replacement waits the least. */
const SETTLED_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;
/** How many processes dying before they listen, while the gateway starts, make the start fail. */
const MAX_START_FAILURES = 3;
/**
 * How long a stop waits for the processes to close (their Nest shutdown hooks) before it kills
 * them: inside docker compose's default 10 s grace and the 30 s of the systemd unit.
 */
const STOP_TIMEOUT_MS = 8_000;
/**
 * The serving processes' V8 semi-space (half the young generation), in MB. Every autosave leaves
 * a 2 KB body and its parsed objects behind; at V8's default a process in the 10,000-student soak
 * stopped for a scavenge about 7 times a second (a few ms each, 3.4 % of its time). Twice that
 * room halves the stops and cuts their total by a fifth, for at most 32 MB more per process.
 * An operator's own `--max-semi-space-size` (in NODE_OPTIONS) wins.
 */
const SEMI_SPACE_MB = 32;

export interface GatewayClusterOptions {
  processes: number;
  /** Runs once before any process is forked (the migration), so that the processes need not. */
  prepare: () => Promise<void>;
  /** Called once, when every process is listening for the first time. */
  onListening: () => void;
}

/**
 * The cluster primary: forks the gateway processes, which share GATEWAY_PORT (Node's cluster
 * hands each new connection to the next one), replaces any that dies, and stops them all on
 * SIGTERM or SIGINT. It serves nothing itself. Should the primary be killed outright, each
 * process exits by itself when its IPC channel closes (Node's cluster does that for a worker).
 */
export async function runGatewayCluster(options: GatewayClusterOptions): Promise<void> {
  await options.prepare();
  new GatewayCluster(options).start();
}

class GatewayCluster {
  private readonly log = new Logger('Gateway');
  private readonly live = new Set<Worker>();
  /** When each live process began listening; absent while it boots. */
  private readonly listeningSince = new Map<Worker, number>();
  private readonly pendingRestarts = new Set<NodeJS.Timeout>();
  private listening = false;
  private startFailures = 0;
  private earlyExits = 0;
  private stopping = false;

  constructor(private readonly options: GatewayClusterOptions) {}

  start(): void {
    cluster.on('listening', (worker) => this.onListening(worker));
    cluster.on('exit', (worker, code, signal) => this.onExit(worker, code, signal));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => this.stop(0));
    this.log.log(`starting the gateway processes (${this.options.processes})`);
    const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((option) => option.includes('--max-semi-space-size'));
    if (!chosen) cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`] });
    for (let i = 0; i < this.options.processes; i++) this.fork();
  }

  private fork(): void {
    this.live.add(cluster.fork());
  }

  private onListening(worker: Worker): void {
    this.listeningSince.set(worker, Date.now());
    if (!this.listening && this.listeningSince.size === this.options.processes) {
      this.listening = true;
      this.options.onListening();
    }
  }

  private onExit(worker: Worker, code: number, signal: string | null): void {
    const since = this.listeningSince.get(worker);
    this.live.delete(worker);
    this.listeningSince.delete(worker);
    if (this.stopping) {
      if (this.live.size === 0) process.exit();
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const name = `gateway process ${worker.id} (pid ${worker.process.pid})`;
    // Before the gateway ever listened, processes that die at boot share a cause (the port is
    // taken, the database refuses the admin account): stop, with their errors above, rather
    // than loop.
    if (!this.listening && since === undefined && ++this.startFailures >= MAX_START_FAILURES) {
      this.log.error(`${this.startFailures} gateway processes died before listening, the last ${how}: the gateway cannot start`);
      return this.stop(1);
    }
    const delay = this.restartDelay(since);
    this.log.warn(`${name} ${how}; starting another in ${delay} ms`);
    const timer = setTimeout(() => {
      this.pendingRestarts.delete(timer);
      this.fork();
    }, delay);
    this.pendingRestarts.add(timer);
  }

  /** Doubles while processes keep dying young (at boot, or on their first requests), so that they do not spin. */
  private restartDelay(listeningSince: number | undefined): number {
    const settled = listeningSince !== undefined && Date.now() - listeningSince >= SETTLED_AFTER_MS;
    this.earlyExits = settled ? 0 : this.earlyExits + 1;
    return Math.min(FIRST_RESTART_DELAY_MS * 2 ** this.earlyExits, MAX_RESTART_DELAY_MS);
  }

  private stop(exitCode: number): void {
    if (this.stopping) return;
    this.stopping = true;
    process.exitCode = exitCode;
    for (const timer of this.pendingRestarts) clearTimeout(timer);
    if (this.live.size === 0) process.exit();
    this.log.log(`stopping the gateway processes (${this.live.size})`);
    // A terminal's Ctrl-C reaches the processes too; their shutdown hooks ignore a second signal.
    for (const worker of this.live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of this.live) {
        this.log.warn(`gateway process ${worker.id} (pid ${worker.process.pid}) did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
        worker.process.kill('SIGKILL');
      }
    }, STOP_TIMEOUT_MS).unref();
  }
}
