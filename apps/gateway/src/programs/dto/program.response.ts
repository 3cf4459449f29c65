export class ProgramResponse {
  /** The saved text, or the lab's template before the first save. */
  program!: string;
  /** Send it back with the next save; 0 before the first. */
  revision!: number;
  savedAt!: Date | null;
  /** Whether `program` is the lab's template (nothing saved yet). */
  fromTemplate!: boolean;
}

export class SavedProgramResponse {
  /** The revision this save made: send it with the next one. */
  revision!: number;
  savedAt!: Date;
}
