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
    // Each run's own output is in `output` already, joined.
    results: a.results.map(({ output: _output, outputBytes: _bytes, ...result }) => result),
    timers: a.timers,
    logs: a.logs,
  };
}
