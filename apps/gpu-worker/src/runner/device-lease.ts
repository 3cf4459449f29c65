import { Injectable } from '@nestjs/common';
import { Semaphore } from 'async-mutex';
import { RunAborted } from './run-aborted';

/** More than any number of runs a worker has at once: a holder of all of them holds the device alone. */
const WHOLE_DEVICE = 1 << 16;
/** Timed runs go before the ordinary runs queued behind them, so a stream of runs cannot starve one. */
const TIMING_PRIORITY = 1;

/**
 * Who may use the worker's device (its GPU; the cores on a CPU worker) while a program runs.
 * Ordinary runs share it, up to the slots the queues give them; a timed run holds it alone, so
 * that no other student's kernel shares the GPU while its figure is taken. Once a timed run waits,
 * runs that come after it wait too (FIFO in async-mutex's weighted semaphore), and the timing
 * starts as soon as the runs already under way have ended; each of those is bounded by its lab's
 * run limit. A worker process serves one device, so one lease per process.
 */
@Injectable()
export class DeviceLease {
  private readonly semaphore = new Semaphore(WHOLE_DEVICE);

  /** One program run on the device, beside others. */
  shared<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.hold(1, 0, work, signal);
  }

  /** A timed run: nothing else runs on the device until `work` ends. */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.hold(WHOLE_DEVICE, TIMING_PRIORITY, work, signal);
  }

  private async hold<T>(weight: number, priority: number, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const granted = this.semaphore.acquire(weight, priority);
    const release = await untilAborted(granted, signal);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * The releaser once the lease is granted, or RunAborted when the job is cancelled or the worker
 * stops first. async-mutex cannot withdraw one waiter, so a lease granted after its job gave up
 * waiting is handed back at once.
 */
function untilAborted(granted: Promise<[number, () => void]>, signal?: AbortSignal): Promise<() => void> {
  if (!signal) return granted.then(([, release]) => release);
  return new Promise((resolve, reject) => {
    let abandoned = false;
    const onAbort = () => {
      abandoned = true;
      reject(new RunAborted(signal.reason));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void granted.then(([, release]) => {
      signal.removeEventListener('abort', onAbort);
      if (abandoned) release();
      else resolve(release);
    });
  });
}
