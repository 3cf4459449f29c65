import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A program from an earlier term of a lab, imported by staff so similarity reports compare against it. */
@Entity('archived_programs')
@Index('archived_programs_mp_term_author', ['mpId', 'term', 'author'], { unique: true })
export class ArchivedProgram {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'mp_id', type: 'varchar', length: 64 })
  mpId!: string;

  /** The term's label as staff gave it, e.g. `fa25`. */
  @Column({ type: 'varchar', length: 64 })
  term!: string;

  /** Who wrote it, as the import named it (the file's name). */
  @Column({ type: 'varchar', length: 128 })
  author!: string;

  @Column({ type: 'text' })
  program!: string;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
