import type { WorkerStatus } from '@wb/common';

export class RegisteredWorkerResponse {
  /** The worker's id for its heartbeats and reports. */
  id!: string;
}

export class HeartbeatResponse {
  /** `down`: the notifier marked it down, so it pauses its consumers until it is `up` again. */
  status!: WorkerStatus;
}
