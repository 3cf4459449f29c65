import { Attempt, isFinal } from '@wb/common';
import type { FastifyReply } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { attemptDetail } from './attempt-view';
import { AttemptNotifier } from './attempt-notifier';
import { AttemptProgress, RunProgress } from './attempt-progress';
import { QueuePlace, QueuePlaces } from './queue-places';

/** Keeps proxies and load balancers from closing a quiet stream while a job waits in the queue. */
const KEEPALIVE_MS = 15_000;

/**
 * Streams one attempt as server-sent events: a `status` event with the attempt (the full
 * shape, with its place in the queue while it waits) now, after each change, and whenever its
 * place changes, ending once it has a verdict. It subscribes before the first read, so a change
 * published in between is seen by the second read rather than lost. A new place re-sends the
 * attempt as last read: only a published change makes it read Postgres again. So does the
 * worker's progress through the datasets, sent as `progress` while the attempt runs (null
 * otherwise, and while no worker has told it, as an older one does not). The stream is written
 * to the socket's response directly (Fastify hands it over), so nothing buffers an event.
 */
export async function streamAttempt(
  reply: FastifyReply,
  notifier: AttemptNotifier,
  places: QueuePlaces,
  progress: AttemptProgress,
  attemptId: string,
  read: () => Promise<Attempt>,
): Promise<void> {
  let last: { attempt: Attempt; key: string } | undefined;
  let step: RunProgress | null = null;
  let closed = false;
  let reading: Promise<void> = Promise.resolve();
  let stopListening: () => void = () => undefined;
  let stopWatching: () => void = () => undefined;
  let stopProgress: () => void = () => undefined;
  let untrack: () => void = () => undefined;
  const res = reply.hijack().raw;
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    stopListening();
    stopWatching();
    stopProgress();
    untrack();
    res.end();
  };
  res.on('close', close); // the client went away
  untrack = notifier.track(close);

  const send = (attempt: Attempt, place: QueuePlace | null) => {
    const shown = attempt.status === 'running' ? step : null;
    const key = JSON.stringify([place, shown]);
    if (last && attempt.status === last.attempt.status && key === last.key) return;
    last = { attempt, key };
    res.write(`event: status\ndata: ${JSON.stringify({ ...attemptDetail(attempt), queue: place, progress: shown })}\n\n`);
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

  res.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders), // the request id
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
  if (closed || !last) return;
  const first = last.attempt;
  if (first.status === 'queued') stopWatching = places.watch(() => update(async () => last?.attempt));
  const resend = async () => last?.attempt;
  stopProgress = progress.listen(first, (p) => {
    step = p;
    update(resend);
  });
  if (first.status === 'queued') return; // its progress is all to come, through the listener
  // A run already under way before this stream listened: what the job holds now, unless an event came first.
  update(async () => {
    const now = await progress.current(first).catch(() => null);
    step ??= now;
    return last?.attempt;
  });
}
