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
