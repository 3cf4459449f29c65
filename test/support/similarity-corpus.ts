import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

export const CORPUS_LAB = 'histogram-equalization';
const DIR = join(ROOT, 'test', 'fixtures', 'similarity', CORPUS_LAB);

/**
 * Twenty students' programs of one lab, written for the similarity report: honest independent
 * solutions from the template, and planted pairs (a program and its disguised copy: renamed,
 * reformatted, functions reordered, comments rewritten). Keyed by file name.
 */
export function similarityCorpus(): { programs: Map<string, string>; planted: [string, string][] } {
  const programs = new Map(
    readdirSync(DIR)
      .filter((n) => n.endsWith('.cu'))
      .sort()
      .map((n) => [n, readFileSync(join(DIR, n), 'utf8')] as const),
  );
  const { planted } = JSON.parse(readFileSync(join(DIR, 'pairs.json'), 'utf8')) as { planted: [string, string][] };
  return { programs, planted };
}

/** The same pair in either order. */
export const pairKey = (a: string, b: string) => [a, b].sort().join(' + ');

const KEPT_WORDS = new Set(
  `int float double char unsigned void return if else for while do const static struct sizeof size_t true false
   main argc argv dim3 blockIdx threadIdx blockDim gridDim x y z atomicAdd atomicMin __syncthreads __global__ __device__
   __shared__ __constant__ __restrict__ include define`.split(/\s+/),
);

/**
 * `count` programs of the corpus's lab for the benchmark: each a corpus program with its own names
 * (every lower-case identifier that is not a keyword renamed), its own indentation and a few
 * statements of its own, so the report has clusters of near-copies among many distinct programs.
 */
export function syntheticSubmissions(count: number): string[] {
  const bases = [...similarityCorpus().programs.values()];
  let seed = 0x2545f491;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, k) => {
    const base = bases[k % bases.length];
    const renamed = base.replace(/\b[a-z][A-Za-z0-9_]*\b/g, (word) =>
      KEPT_WORDS.has(word) || word.startsWith('wb') ? word : `${word}_${k}`,
    );
    const indent = random() < 0.5 ? '\t' : '    ';
    return renamed
      .split('\n')
      .flatMap((line, i) => {
        const own = line.trim().endsWith(';') && random() < 0.06 ? [`${indent}int extra_${k}_${i} = ${i} * ${k % 7};`] : [];
        return [line.replace(/^ {2}/, indent), ...own];
      })
      .join('\n');
  });
}
