import type { RecentLogLogger } from '@wb/common';
import cluster from 'node:cluster';

interface LogLineMessage {
  type: 'wb:log-line';
  line: string;
}

function isLogLine(message: unknown): message is LogLineMessage {
  return typeof message === 'object' && message !== null && (message as LogLineMessage).type === 'wb:log-line';
}

/**
 * Makes every gateway process of a cluster keep every process's recent log lines, the primary's
 * included (a process that died, one started in its place), so that `GET /log` shows the whole
 * gateway whichever process answers. Each line names the process that logged it. A process sends
 * its lines to the primary, which keeps them and passes them on to the other processes. Log
 * lines are rare (starts, warnings, errors; never one per request), so this costs nothing
 * that matters.
 */
export function shareLogAcrossProcesses(log: RecentLogLogger): void {
  log.processTag = `pid ${process.pid}`;
  if (cluster.isWorker) {
    log.onLine = (line) => process.send?.({ type: 'wb:log-line', line } satisfies LogLineMessage);
    process.on('message', (message) => {
      if (isLogLine(message)) log.keep(message.line);
    });
    return;
  }
  const toWorkers = (message: LogLineMessage, except?: number) => {
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker.id !== except && worker.isConnected()) worker.send(message);
    }
  };
  log.onLine = (line) => toWorkers({ type: 'wb:log-line', line });
  cluster.on('message', (worker, message) => {
    if (!isLogLine(message)) return;
    log.keep(message.line);
    toWorkers(message, worker.id);
  });
  // A process started later (in place of one that died) is given what the primary kept.
  cluster.on('online', (worker) => {
    for (const line of log.recent()) worker.send({ type: 'wb:log-line', line } satisfies LogLineMessage);
  });
}
