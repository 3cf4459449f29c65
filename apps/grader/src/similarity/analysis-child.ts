/**
 * The similarity analysis, in a process of its own (started by {@link SimilarityAnalysis}), with
 * Dolos's parts: every program tokenized with tree-sitter's C++ grammar (so names, formatting and
 * comments do not count), fingerprinted with winnowing, the template's fingerprints set aside,
 * every pair compared. It is CPU-bound for up to a minute, which would stall the grader's event loop
 * (and its job locks) if it ran there.
 */
import { File, FileEntry, FingerprintIndex, LanguagePicker, Options, Pair, Region, TokenizedFile, Tokenizer } from '@dodona/dolos-lib';
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

/** Tokenizes one program, or says why it cannot: a program nested deeper than the tokenizer's recursion allows, say. */
function tokenize(tokenizer: Tokenizer, file: File): TokenizedFile | string {
  try {
    return tokenizer.tokenizeFile(file);
  } catch (error) {
    return error instanceof RangeError ? 'nested too deeply to analyse' : `could not be analysed: ${(error as Error).message}`;
  }
}

async function analyse(input: AnalysisInput): Promise<void> {
  const total = input.programs.length;
  await send({ type: 'progress', phase: 'tokenizing', done: 0, total });
  // Explicit language: CUDA and OpenCL host code are C++ to the grammar, whatever the file is called.
  const tokenizer = await new LanguagePicker().findLanguage('cpp').then((language) => language.createTokenizer({ includeComments: false }));
  const options = new Options();
  const index = new FingerprintIndex(options.kgramLength, options.kgramsInWindow, false);
  // One program at a time, so that a program the tokenizer cannot take costs only itself.
  const tokenized: (TokenizedFile | null)[] = [];
  const unanalysed: { program: number; reason: string }[] = [];
  let reportedAt = performance.now();
  for (const [i, program] of input.programs.entries()) {
    const result = tokenize(tokenizer, new File(`${i}.cpp`, program.text));
    if (typeof result === 'string') unanalysed.push({ program: i, reason: result });
    tokenized.push(typeof result === 'string' ? null : result);
    if (performance.now() - reportedAt >= PROGRESS_EVERY_MS) {
      reportedAt = performance.now();
      await send({ type: 'progress', phase: 'tokenizing', done: i + 1, total });
    }
  }
  index.addFiles(tokenized.filter((f): f is TokenizedFile => f !== null));
  const template = tokenize(tokenizer, new File('template.cpp', input.template));
  if (typeof template !== 'string') index.addIgnoredFile(template);
  const countable = new Map(index.entries().map((entry) => [entry.file, countableFingerprints(entry)]));

  const comparisons = (total * (total - 1)) / 2;
  let done = 0;
  await send({ type: 'progress', phase: 'comparing', done, total: comparisons });
  const kept: { pair: Pair; similarity: number }[] = [];
  for (let i = 0; i < tokenized.length; i++) {
    for (let j = i + 1; j < tokenized.length; j++) {
      done++;
      const left = tokenized[i];
      const right = tokenized[j];
      // Two earlier terms' programs are not this term's business.
      if (!left || !right || (input.programs[i].archived && input.programs[j].archived)) continue;
      const pair = index.getPair(left, right);
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
    left: Number(pair.leftFile.path.slice(0, -'.cpp'.length)),
    right: Number(pair.rightFile.path.slice(0, -'.cpp'.length)),
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
  await send({ type: 'result', pairs, unanalysed });
}

process.once('message', (input: AnalysisInput) => {
  analyse(input)
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => process.disconnect());
});
