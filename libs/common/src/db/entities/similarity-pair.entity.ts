import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A region of a program: 0-based rows and columns, end inclusive of its row. */
export type SourceRegion = [startRow: number, startCol: number, endRow: number, endCol: number];

/** One stretch of code the two programs share (after the template's own code is set aside). */
export interface SimilarityFragment {
  left: SourceRegion;
  right: SourceRegion;
}

/** Two programs of a report that share code, with the shared fragments to show side by side. */
@Entity('similarity_pairs')
@Index('similarity_pairs_report_similarity', ['reportId', 'similarity'])
export class SimilarityPair {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  /** Indices into the report's submissions. */
  @Column({ type: 'integer' })
  left!: number;

  @Column({ type: 'integer' })
  right!: number;

  /** Share of both programs' fingerprints that they have in common, 0 to 1. */
  @Column({ type: 'double precision' })
  similarity!: number;

  /** The longest shared fragment, in k-grams. */
  @Column({ type: 'integer' })
  longest!: number;

  /** Shared k-grams in all. */
  @Column({ type: 'integer' })
  overlap!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  fragments!: SimilarityFragment[];
}
