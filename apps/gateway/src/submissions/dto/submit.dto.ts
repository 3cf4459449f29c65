import { Type } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';

export class SubmitDto {
  @IsString()
  program!: string;

  /** A public dataset's number, or -1 for every public dataset. */
  @Type(() => Number)
  @IsInt({ message: 'dataset must be a dataset number or -1 for all' })
  @Min(-1, { message: 'dataset must be a dataset number or -1 for all' })
  dataset!: number;
}
