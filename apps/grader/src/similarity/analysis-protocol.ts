import type { SimilarityFragment } from '@wb/common';

/** What the grader hands the analysis process: every program of a report and the lab's template. */
export interface AnalysisInput {
  programs: { text: string; archived: boolean }[];
  /** The lab's template: code every student was given, which matches nothing. */
  template: string;
  /** Pairs below this similarity are not kept. */
  floor: number;
  /** At most this many pairs are kept (the most similar). */
  maxPairs: number;
}

/** A pair of programs, by index into {@link AnalysisInput.programs}. */
export interface AnalysedPair {
  left: number;
  right: number;
  similarity: number;
  longest: number;
  overlap: number;
  fragments: SimilarityFragment[];
}

/** A program that could not be tokenized (compared with nothing), and why. */
export interface UnanalysedProgram {
  program: number;
  reason: string;
}

/** The kept pairs, the most similar first, and the programs left out. */
export interface AnalysisResult {
  pairs: AnalysedPair[];
  unanalysed: UnanalysedProgram[];
}

export type AnalysisProgress = { phase: 'tokenizing' | 'comparing'; done: number; total: number };

/** What the analysis process sends back: progress as it goes, then one result or one error. */
export type AnalysisMessage =
  ({ type: 'progress' } & AnalysisProgress) | ({ type: 'result' } & AnalysisResult) | { type: 'error'; message: string };
