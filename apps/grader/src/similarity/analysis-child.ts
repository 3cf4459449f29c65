/**
 * The similarity analysis, in a process of its own (started by {@link SimilarityAnalysis}): Dolos
 * tokenizes every program with tree-sitter's C++ grammar (so names, formatting and comments do not
 * count), fingerprints them with winnowing, sets the template's fingerprints aside and compares
 * every pair. It is CPU-bound for up to a minute, which would stall the grader's event loop
 * (and its job locks) if it ran there.
 */
import { Dolos, File, FileEntry, Pair, Region, TokenizedFile } from '@dodona/dolos-lib';
import type { SourceRegion } from '@wb/common';
import type { AnalysedPair, AnalysisInput, AnalysisMessage } from './analysis-protocol';

/** Fragments kept per pair, the longest first: enough to show, bounded to store. */
const FRAGMENTS_PER_PAIR = 100;
const PROGRESS_EVERY_MS = 250;

function send(message: AnalysisMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * The pair's share of its two programs' fingerprints, the template's set aside: (fingerprints of
 * each that the other has too) / (fingerprints of both that are not the template's), so an exact
 * copy is 1. Dolos's own `similarity` subtracts the template's distinct fingerprints rather than
 * their occurrences, which puts an exact copy of a program built on a template well below 1.
 */
function similarity(pair: Pair, countable: Map<TokenizedFile, number>): number {
  const denominator = countable.get(pair.leftFile)! + countable.get(pair.rightFile)!;
  return denominator > 0 ? (pair.leftCovered + pair.rightCovered) / denominator : 0;
}

/** How many of a program's fingerprint occurrences count: all but the template's. */
function countableFingerprints(entry: FileEntry): number {
  let count = 0;
  for (const fingerprint of entry.shared) count += fingerprint.occurrencesOf(entry.file).length;
  return count;
}

function region(r: Region): SourceRegion {
  return [r.startRow, r.startCol, r.endRow, r.endCol];
}

async function analyse(input: AnalysisInput): Promise<void> {
  const total = input.programs.length;
  await send({ type: 'progress', phase: 'tokenizing', done: 0, total });
  // Explicit language: CUDA and OpenCL host code are C++ to the grammar, whatever the file is called.
  const dolos = new Dolos({ language: 'cpp' });
  const files = input.programs.map((p, i) => new File(`${i}.cpp`, p.text));
  const report = await dolos.analyze(files, 'lab', new File('template.cpp', input.template));
  const indexOf = new Map(report.files.map((f) => [f, Number(f.path.slice(0, -'.cpp'.length))]));
  const tokenized = [...report.files].sort((a, b) => indexOf.get(a)! - indexOf.get(b)!);
  const countable = new Map(report.entries().map((entry) => [entry.file, countableFingerprints(entry)]));

  const comparisons = (total * (total - 1)) / 2;
  let done = 0;
  let reportedAt = performance.now();
  await send({ type: 'progress', phase: 'comparing', done, total: comparisons });
  const kept: { pair: Pair; similarity: number }[] = [];
  for (let i = 0; i < tokenized.length; i++) {
    for (let j = i + 1; j < tokenized.length; j++) {
      done++;
      // Two earlier terms' programs are not this term's business.
      if (input.programs[i].archived && input.programs[j].archived) continue;
      const pair = report.getPair(tokenized[i], tokenized[j]);
      const share = similarity(pair, countable);
      if (share >= input.floor && share > 0) kept.push({ pair, similarity: share });
    }
    if (performance.now() - reportedAt >= PROGRESS_EVERY_MS) {
      reportedAt = performance.now();
      await send({ type: 'progress', phase: 'comparing', done, total: comparisons });
    }
  }
  kept.sort((a, b) => b.similarity - a.similarity || b.pair.longest - a.pair.longest);
  const pairs: AnalysedPair[] = kept.slice(0, input.maxPairs).map(({ pair, similarity }) => ({
    left: indexOf.get(pair.leftFile)!,
    right: indexOf.get(pair.rightFile)!,
    similarity,
    longest: pair.longest,
    overlap: pair.overlap,
    fragments: pair
      .buildFragments()
      .sort((a, b) => b.pairs.length - a.pairs.length)
      .slice(0, FRAGMENTS_PER_PAIR)
      .map((f) => ({ left: region(f.leftSelection), right: region(f.rightSelection) }))
      .sort((a, b) => a.left[0] - b.left[0] || a.left[1] - b.left[1]),
  }));
  await send({ type: 'result', pairs, warnings: report.warnings });
}

process.once('message', (input: AnalysisInput) => {
  analyse(input)
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.disconnect());
});
