import { csv } from '../http/csv';
import type { PairRow } from './similarity-desk.service';

const HEADER = [
  'similarity',
  'longest_fragment',
  'overlap',
  'left',
  'left_kind',
  'left_attempt_id',
  'right',
  'right_kind',
  'right_attempt_id',
  'pair_id',
];

/** A report's pairs as CSV, the most similar first; similarity as a fraction with 4 decimals. */
export function similarityCsv(pairs: PairRow[]): string {
  return csv(
    HEADER,
    pairs.map((p) => [
      p.similarity.toFixed(4),
      p.longest,
      p.overlap,
      p.left.label,
      p.left.kind,
      p.left.attemptId ?? '',
      p.right.label,
      p.right.kind,
      p.right.attemptId ?? '',
      p.id,
    ]),
  );
}
