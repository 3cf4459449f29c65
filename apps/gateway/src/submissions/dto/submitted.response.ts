import type { AttemptStatus } from '@wb/common';

/** A recorded and queued attempt: follow it at `GET /mp/{mp_id}/attempt/{attemptId}` (or its events). */
export class SubmittedResponse {
  attemptId!: string;
  status!: AttemptStatus;
}
