import type { Attempt, Grade } from '@wb/common';
import { attemptAnalysis } from './analysis-report';
import { verdictSummary } from './verdict-summary';

/**
 * The HTTP API's shapes of an attempt: a row of the list, and the whole attempt. Give them the
 * attempt as the viewer may see it ({@link visibleAttempt}), and the grade likewise.
 */
export function attemptSummary(a: Attempt) {
  return {
    id: a.id,
    createdAt: a.createdAt,
    kind: a.kind,
    status: a.status,
    passed: a.passed,
    dataset: a.dataset,
    summary: verdictSummary(a),
  };
}

/** A grade attempt's score and how it adds up, once the grader has scored it. */
function attemptGrade(g: Grade) {
  return { score: g.score, maxScore: g.maxScore, late: g.late, items: g.items };
}

export function attemptDetail(a: Attempt, grade?: Grade | null) {
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
    ...(grade ? { grade: attemptGrade(grade) } : {}),
    // A check's `sanitizer` or a profile's `profile`, read from its output.
    ...attemptAnalysis(a),
  };
}
