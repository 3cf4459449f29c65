import { Attempt, isFinal } from '@wb/common';
import type { Request, Response } from 'express';
import { attemptDetail } from './attempt-view';
import { AttemptNotifier } from './attempt-notifier';
import { QueuePlace, QueuePlaces } from './queue-places';

/** Keeps proxies and load balancers from closing a quiet stream while a job waits in the queue. */
const KEEPALIVE_MS = 15_000;

/**
 * Streams one attempt as server-sent events: a `status` event with the attempt (the full
 * shape, with its place in the queue while it waits) now, after each change, and whenever its
 * place changes, ending once it has a verdict. It subscribes before the first read, so a change
 * published in between is seen by the second read rather than lost. A new place re-sends the
 * attempt as last read: only a published change makes it read Postgres again.
 */
export async function streamAttempt(
  req: Request,
  res: Response,
  notifier: AttemptNotifier,
  places: QueuePlaces,
  attemptId: string,
  read: () => Promise<Attempt>,
): Promise<void> {
  let last: { attempt: Attempt; place: string } | undefined;
  let closed = false;
  let reading: Promise<void> = Promise.resolve();
  let stopListening: () => void = () => undefined;
  let stopWatching: () => void = () => undefined;
  let untrack: () => void = () => undefined;
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    stopListening();
    stopWatching();
    untrack();
    res.end();
  };
  req.on('close', close);
  untrack = notifier.track(close);

  const send = (attempt: Attempt, place: QueuePlace | null) => {
    const key = JSON.stringify(place);
    if (last && attempt.status === last.attempt.status && key === last.place) return;
    last = { attempt, place: key };
    res.write(`event: status\ndata: ${JSON.stringify({ ...attemptDetail(attempt), queue: place })}\n\n`);
    if (isFinal(attempt.status)) close();
    if (attempt.status !== 'queued') stopWatching(); // a place is only for an attempt still waiting
  };

  // Reads are chained so that events leave in the order the changes happened.
  const update = (fresh: () => Promise<Attempt | undefined>) => {
    reading = reading
      .then(async () => {
        if (closed) return;
        const attempt = await fresh();
        if (!attempt || closed) return;
        const place = await places.of(attempt);
        if (!closed) send(attempt, place);
      })
      .catch(() => close()); // the client's EventSource reconnects and starts again from the database
  };
  const sendIfChanged = () => update(read);

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
  if (!closed && last?.attempt.status === 'queued') stopWatching = places.watch(() => update(async () => last?.attempt));
}
