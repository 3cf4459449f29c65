/** A recorded and queued grade attempt: the grader scores it when its run ends. */
export class GradeStartedResponse {
  attemptId!: string;
}

export class PassbackQueuedResponse {
  passback!: 'queued';
}
