import type { Attempt } from '@wb/common';

/** The HTTP API's shapes of an attempt: a row of the list, and the whole attempt. */
export function attemptSummary(a: Attempt) {
  return { id: a.id, createdAt: a.createdAt, status: a.status, passed: a.passed, dataset: a.dataset };
}

export function attemptDetail(a: Attempt) {
  return {
    ...attemptSummary(a),
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    program: a.program,
    compilerOutput: a.compilerOutput,
    compilerOutputBytes: a.compilerOutputBytes,
    output: a.output,
    outputBytes: a.outputBytes,
    results: a.results,
    timers: a.timers,
    logs: a.logs,
  };
}
