import { QUEUE } from '@wb/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPlatform } from './platform';
import { ROOT } from './processes';

export const LATE_LAB = 'vector-add-late';
export const LAST_LAB = 'vector-add-last';
export const AUTO_LAB = 'vector-add-auto';

const SOURCE = join(ROOT, 'mps', 'vector-add-cpp');

/** The reference solution, the template, and a program that only adds the first 1024 elements. */
export const PROGRAMS = {
  solution: readFileSync(join(SOURCE, 'solution.cpp'), 'utf8'),
  template: readFileSync(join(SOURCE, 'template.cpp'), 'utf8'),
  get partial() {
    const loop = 'for (int i = 0; i < inputLength; ++i) {';
    if (!this.solution.includes(loop)) throw new Error('solution.cpp no longer has the loop the partial program edits');
    return this.solution.replace(loop, 'for (int i = 0; i < inputLength && i < 1024; ++i) {');
  },
};

/**
 * A labs folder for the grading tests (copies: the catalogue skips symbolic links):
 * vector-add-cpp as it is; vector-add-late, whose deadline passed 36 hours ago (2 started days)
 * with a 25 %-per-day penalty, 10 compile points and two required keywords worth 5 each; and
 * vector-add-last, graded by the last grade instead of the best; vector-add-auto, which sends each
 * new counting grade to the course without the student asking.
 */
export function gradingLabs(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-grading-mps-'));
  cpSync(SOURCE, join(dir, 'vector-add-cpp'), { recursive: true });
  const variant = (id: string, extra: string) => {
    cpSync(SOURCE, join(dir, id), { recursive: true });
    const yaml = readFileSync(join(SOURCE, 'mp.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`);
    writeFileSync(join(dir, id, 'mp.yaml'), `${yaml.replace(/^keywords: .*$/m, '')}\n${extra}\n`);
  };
  const deadline = new Date(Date.now() - 36 * 3_600_000).toISOString();
  variant(
    LATE_LAB,
    `deadline: "${deadline}"
late: { policy: penalty, penalty_per_day: 0.25 }
rubric: { compile_points: 10 }
keywords:
  forbid: []
  require: [{ keyword: wbSolution, points: 5 }, { keyword: cudaMalloc, points: 5 }]`,
  );
  variant(LAST_LAB, `keywords: { forbid: [], require: [] }\ngrading: last`);
  variant(AUTO_LAB, `keywords: { forbid: [], require: [] }\npassback_auto: true`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits on the grader's queues through BullMQ events (no polling). */
export interface GradeWatcher {
  /** Resolves when the grade job of the attempt has finished (the grade is stored). */
  graded: (attemptId: string, timeoutMs?: number) => Promise<void>;
  /**
   * Resolves with how the next passback job to settle ended ('completed', or 'failed' with its
   * reason). Call it before queueing the job; the tests queue one passback at a time.
   */
  passbackSettledForNext: (timeoutMs?: number) => Promise<{ state: 'completed' | 'failed'; reason?: string }>;
  close: () => Promise<void>;
}

export async function watchGrading(platform: TestPlatform): Promise<GradeWatcher> {
  const connection = { url: platform.env.REDIS_URL! };
  const prefix = platform.env.REDIS_PREFIX!;
  const gradeQueue = new Queue(QUEUE.grade, { connection, prefix });
  const passbackQueue = new Queue(QUEUE.passback, { connection, prefix });
  const gradeEvents = new QueueEvents(QUEUE.grade, { connection, prefix });
  const passbackEvents = new QueueEvents(QUEUE.passback, { connection, prefix });
  await Promise.all([gradeEvents.waitUntilReady(), passbackEvents.waitUntilReady()]);

  return {
    graded: async (attemptId, timeoutMs = 60_000) => {
      // The gateway adds the job when the worker's final report arrives: wait for it to exist first.
      const job = (await Job.fromId(gradeQueue, attemptId)) ?? (await waitForAdded(gradeEvents, attemptId, gradeQueue, timeoutMs));
      await job.waitUntilFinished(gradeEvents, timeoutMs);
    },
    passbackSettledForNext: (timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const done = (result: { state: 'completed' | 'failed'; reason?: string }) => {
          clearTimeout(timer);
          passbackEvents.off('completed', onCompleted);
          passbackEvents.off('failed', onFailed);
          resolve(result);
        };
        const onCompleted = () => done({ state: 'completed' });
        // Emitted only when the job fails for good, not for a try that will be retried.
        const onFailed = ({ failedReason }: { failedReason: string }) => done({ state: 'failed', reason: failedReason });
        const timer = setTimeout(() => reject(new Error(`no passback job settled in ${timeoutMs} ms`)), timeoutMs);
        passbackEvents.on('completed', onCompleted);
        passbackEvents.on('failed', onFailed);
      }),
    close: async () => {
      await Promise.all([gradeEvents.close(), passbackEvents.close()]);
      for (const queue of [gradeQueue, passbackQueue]) {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
      }
    },
  };
}

function waitForAdded(events: QueueEvents, jobId: string, queue: Queue, timeoutMs: number): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no grade job ${jobId} within ${timeoutMs} ms`)), timeoutMs);
    const onAdded = ({ jobId: added }: { jobId: string }) => {
      if (added !== jobId) return;
      events.off('added', onAdded);
      clearTimeout(timer);
      void Job.fromId(queue, jobId).then((job) => (job ? resolve(job) : reject(new Error(`grade job ${jobId} vanished`))));
    };
    events.on('added', onAdded);
    // It may have been added between the first look and the subscription.
    void Job.fromId(queue, jobId).then((job) => {
      if (!job) return;
      events.off('added', onAdded);
      clearTimeout(timer);
      resolve(job);
    });
  });
}
