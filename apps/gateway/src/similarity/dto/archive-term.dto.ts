import { IsString } from 'class-validator';

/** The text field of the import form (its files are the programs); checked with them in parseArchiveUpload. */
export class ArchiveTermDto {
  @IsString({ message: 'term must be a string (e.g. "fa25")' })
  term!: string;
}
