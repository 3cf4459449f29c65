import { Attempt, isFinal } from '@wb/common';
import type { Request, Response } from 'express';
import { attemptDetail } from './attempt-view';
import { AttemptNotifier } from './attempt-notifier';

/** Keeps proxies and load balancers from closing a quiet stream while a job waits in the queue. */
const KEEPALIVE_MS = 15_000;

/**
 * Streams one attempt as server-sent events: a `status` event with the attempt (the full
 * shape) now and after each change, ending once it has a verdict. It subscribes before the first
 * read, so a change published in between is seen by the second read rather than lost.
 */
export async function streamAttempt(
  req: Request,
  res: Response,
  notifier: AttemptNotifier,
  attemptId: string,
  read: () => Promise<Attempt>,
): Promise<void> {
  let lastStatus: string | undefined;
  let closed = false;
  let reading: Promise<void> = Promise.resolve();
  let stopListening: () => void = () => undefined;
  let untrack: () => void = () => undefined;
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    stopListening();
    untrack();
    res.end();
  };
  req.on('close', close);
  untrack = notifier.track(close);

  // Reads are chained so that events leave in the order the changes happened.
  const sendIfChanged = () => {
    reading = reading
      .then(async () => {
        if (closed) return;
        const attempt = await read();
        if (closed || attempt.status === lastStatus) return;
        lastStatus = attempt.status;
        res.write(`event: status\ndata: ${JSON.stringify(attemptDetail(attempt))}\n\n`);
        if (isFinal(attempt.status)) close();
      })
      .catch(() => close()); // the client's EventSource reconnects and starts again from the database
  };

  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx would otherwise hold the events back
  });
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  stopListening = await notifier.listen(attemptId, sendIfChanged);
  if (closed) stopListening();
  sendIfChanged();
  await reading;
}
