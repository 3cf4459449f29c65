import type { Grade, Mp, User } from '@wb/common';

/** One grade on its way to the course platform. */
export interface PassbackTarget {
  grade: Grade;
  user: User;
  mp: Mp;
  /** score / maxScore in [0, 1]: what LTI outcomes carry. */
  fraction: number;
}

/** A course platform's grade API (LTI 1.1 Basic Outcomes, LTI 1.3 AGS). Throws to fail the send. */
export interface PassbackAdapter {
  send(target: PassbackTarget): Promise<void>;
}

export const PASSBACK_ADAPTER = Symbol('PassbackAdapter');

/**
 * The platform refused in a way retrying cannot fix (bad credentials, unknown sourcedid, a
 * malformed request): the job fails at once and the student sees this message.
 */
export class PassbackRefused extends Error {}

/** An HTTP status that a later try may not get: the platform is down, overloaded or slow. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
